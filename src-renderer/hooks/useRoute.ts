/** Hash routing (`#/budgets/3`): works from a static folder and the Electron window alike. */
import { useEffect, useState } from 'react';

export type Route =
  | { view: 'overview' }
  | { view: 'budget'; id: string }
  | { view: 'new-budget' }
  | { view: 'pricing' }
  | { view: 'alerts' }
  | { view: 'setup' }
  | { view: 'claude-code' }
  | { view: 'settings' }
  | { view: 'welcome' }
  | { view: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/') return { view: 'overview' };
  if (path === '/budgets/new') return { view: 'new-budget' };
  const budget = /^\/budgets\/([^/]+)$/.exec(path);
  if (budget) return { view: 'budget', id: decodeURIComponent(budget[1]) };
  const simple = ['pricing', 'alerts', 'setup', 'claude-code', 'settings', 'welcome'] as const;
  const named = simple.find((view) => path === `/${view}`);
  if (named) return { view: named };
  return { view: 'not-found', path };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export const href = {
  overview: '#/',
  budget: (id: number | string) => `#/budgets/${encodeURIComponent(String(id))}`,
  newBudget: '#/budgets/new',
  pricing: '#/pricing',
  alerts: '#/alerts',
  setup: '#/setup',
  claudeCode: '#/claude-code',
  settings: '#/settings',
  welcome: '#/welcome',
};
