/**
 * The admin token: handed over once in the URL fragment (`#token=…`, never a query string, so it
 * stays out of server logs), then kept in localStorage and wiped from the address bar.
 */
const STORAGE_KEY = 'agent-budget.admin-token';

export function adoptTokenFromFragment(location: Location = window.location): void {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (!match) return;
  saveToken(decodeURIComponent(match[1]));
  history.replaceState(null, '', `${location.pathname}${location.search}#/`);
}

export function readToken(): string | null {
  return localStorage.getItem(STORAGE_KEY);
}

export function saveToken(token: string): void {
  localStorage.setItem(STORAGE_KEY, token.trim());
}
