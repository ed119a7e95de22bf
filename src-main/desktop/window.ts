/**
 * The dashboard window: secure options, navigation locked to the core's own pages, a strict CSP on
 * top of the core's own, and closing that hides instead of quitting (the app lives in the tray).
 */
import { BrowserWindow, shell, type BrowserWindowConstructorOptions, type Session, type WebContents } from 'electron';
import { URL_PREFIX } from '../core/core.js';

export function windowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1100,
    height: 760,
    minWidth: 640,
    minHeight: 480,
    show: false,
    title: 'agent-budget',
    autoHideMenuBar: true,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

/** The page adopts the admin token from the fragment (never a query string: it stays out of logs). */
export function dashboardUrl(origin: string, hash: { token: string } | { route: string }): string {
  const fragment = 'token' in hash ? `token=${encodeURIComponent(hash.token)}` : hash.route;
  return `${origin}${URL_PREFIX}/#${fragment}`;
}

export type NavigationDecision = 'allow' | 'external' | 'deny';

/** The core's own pages load in the window; other web links go to the default browser; nothing else opens. */
export function decideNavigation(url: string, origin: string): NavigationDecision {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return 'deny';
  }
  if (target.origin === origin && (target.pathname === URL_PREFIX || target.pathname.startsWith(`${URL_PREFIX}/`))) return 'allow';
  return target.protocol === 'http:' || target.protocol === 'https:' ? 'external' : 'deny';
}

/**
 * Added next to whatever policy the core sends: a browser enforces every policy it receives, so this
 * can only narrow the core's, never loosen it. Inline styles stay allowed for the chart library.
 */
export const DESKTOP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

export function withDesktopCsp(headers: Record<string, string[]> = {}): Record<string, string[]> {
  const key = Object.keys(headers).find((name) => name.toLowerCase() === 'content-security-policy') ?? 'Content-Security-Policy';
  return { ...headers, [key]: [...(headers[key] ?? []), DESKTOP_CSP] };
}

/** The session the window uses: the CSP on every response, and no permission (camera, geolocation…) granted. */
export function secureSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withDesktopCsp(details.responseHeaders) }));
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
}

function openIfExternal(url: string, origin: string): void {
  if (decideNavigation(url, origin) === 'external') void shell.openExternal(url);
}

export class DashboardWindow {
  private window: BrowserWindow | null = null;
  private loadedOrigin: string | null = null;
  private quitting = false;

  constructor(private readonly deps: { origin: () => string; token: () => string; preload: string }) {}

  /** Shows the window (creating it the first time), on `route` (e.g. `/budgets/3`) when given. */
  show(route?: string): void {
    const window = this.window ?? this.create();
    const origin = this.deps.origin();
    if (this.loadedOrigin !== origin) {
      // A new origin (first show, or the port changed) has not seen the token yet.
      this.loadedOrigin = origin;
      if (route) window.webContents.once('did-finish-load', () => void window.loadURL(dashboardUrl(origin, { route })));
      void window.loadURL(dashboardUrl(origin, { token: this.deps.token() }));
    } else if (route) {
      void window.loadURL(dashboardUrl(origin, { route }));
    }
    window.show();
    window.focus();
  }

  /** The page of the window, once it has been shown. */
  get contents(): WebContents | null {
    return this.window?.webContents ?? null;
  }

  /** After this, closing the window really closes it (the app is quitting). */
  allowClose(): void {
    this.quitting = true;
  }

  private create(): BrowserWindow {
    const window = new BrowserWindow(windowOptions(this.deps.preload));
    const origin = () => this.deps.origin();
    window.webContents.on('will-navigate', (event, url) => {
      if (decideNavigation(url, origin()) === 'allow') return;
      event.preventDefault();
      openIfExternal(url, origin());
    });
    window.webContents.setWindowOpenHandler(({ url }) => {
      openIfExternal(url, origin());
      return { action: 'deny' };
    });
    window.on('close', (event) => {
      if (this.quitting) return;
      event.preventDefault();
      window.hide();
    });
    window.on('closed', () => {
      this.window = null;
      this.loadedOrigin = null;
    });
    this.window = window;
    return window;
  }
}
