import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DashboardWindow, dashboardUrl, decideNavigation, DESKTOP_CSP, secureSession, windowOptions, withDesktopCsp } from '../../src-main/desktop/window.js';
import { FakeBrowserWindow, resetFakeElectron, session, sessionState, shellState } from './fake-electron.js';

vi.mock('electron', async () => {
  const fake = await import('./fake-electron.js');
  return { ...fake.electron, default: fake.electron };
});

const ORIGIN = 'http://127.0.0.1:4727';

describe('window options', () => {
  it('isolate the page from Node and the main process', () => {
    const prefs = windowOptions('/app/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({ preload: '/app/preload.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
  });

  it('load the dashboard with the token in the fragment, or a route', () => {
    expect(dashboardUrl(ORIGIN, { token: 'a b' })).toBe(`${ORIGIN}/agent-budget/#token=a%20b`);
    expect(dashboardUrl(ORIGIN, { route: '/budgets/3' })).toBe(`${ORIGIN}/agent-budget/#/budgets/3`);
  });
});

describe('navigation policy', () => {
  it.each([
    [`${ORIGIN}/agent-budget/#/alerts`, 'allow'],
    [`${ORIGIN}/agent-budget`, 'allow'],
    [`${ORIGIN}/agent-budgetx/`, 'external'],
    ['http://127.0.0.1:9999/agent-budget/', 'external'],
    ['https://docs.anthropic.com/pricing', 'external'],
    ['file:///etc/passwd', 'deny'],
    ['javascript:alert(1)', 'deny'],
    ['not a url', 'deny'],
  ])('%s → %s', (url, decision) => {
    expect(decideNavigation(url, ORIGIN)).toBe(decision);
  });
});

describe('content security policy', () => {
  it("is added beside the core's own policy, so both apply", () => {
    const headers = withDesktopCsp({ 'content-security-policy': ["default-src 'self'"], 'content-type': ['text/html'] });
    expect(headers['content-security-policy']).toEqual(["default-src 'self'", DESKTOP_CSP]);
    expect(withDesktopCsp(undefined)).toEqual({ 'Content-Security-Policy': [DESKTOP_CSP] });
    expect(DESKTOP_CSP).toContain("script-src 'self'");
    expect(DESKTOP_CSP).toContain("object-src 'none'");
  });

  it('is installed on the session, which also refuses every permission request', () => {
    resetFakeElectron('/tmp');
    secureSession(session.defaultSession as never);
    let response: Electron.HeadersReceivedResponse | undefined;
    sessionState.headersListener!({ responseHeaders: {} }, (r) => (response = r));
    expect(response?.responseHeaders).toEqual({ 'Content-Security-Policy': [DESKTOP_CSP] });
    let granted: boolean | undefined;
    sessionState.permissionHandler!(null, 'geolocation', (g) => (granted = g));
    expect(granted).toBe(false);
  });
});

describe('dashboard window', () => {
  let origin = ORIGIN;
  let window: DashboardWindow;
  beforeEach(() => {
    resetFakeElectron('/tmp');
    origin = ORIGIN;
    window = new DashboardWindow({ origin: () => origin, token: () => 'secret-token', preload: '/app/preload.cjs' });
  });

  it('is created once, with the secure options, and loads the token URL first', () => {
    window.show();
    window.show();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const [win] = FakeBrowserWindow.instances;
    expect(win.options.webPreferences?.sandbox).toBe(true);
    expect(win.loaded).toEqual([`${ORIGIN}/agent-budget/#token=secret-token`]);
    expect(win.visible).toBe(true);
  });

  it('opens a budget after the first load has handed over the token', () => {
    window.show('/budgets/3');
    const [win] = FakeBrowserWindow.instances;
    expect(win.loaded).toEqual([`${ORIGIN}/agent-budget/#token=secret-token`]);
    win.webContents.emit('did-finish-load');
    window.show('/budgets/4');
    expect(win.loaded.slice(1)).toEqual([`${ORIGIN}/agent-budget/#/budgets/3`, `${ORIGIN}/agent-budget/#/budgets/4`]);
  });

  it('hands the token over again when the core moved to another port', () => {
    window.show();
    origin = 'http://127.0.0.1:4800';
    window.show();
    expect(FakeBrowserWindow.instances[0].loaded.at(-1)).toBe('http://127.0.0.1:4800/agent-budget/#token=secret-token');
  });

  it('stays on its own pages: web links go to the browser, anything else nowhere', () => {
    window.show();
    const { webContents } = FakeBrowserWindow.instances[0];
    expect(webContents.navigate(`${ORIGIN}/agent-budget/#/pricing`)).toBe(false);
    expect(webContents.navigate('https://example.com/')).toBe(true);
    expect(webContents.navigate('file:///etc/passwd')).toBe(true);
    expect(webContents.openHandler!({ url: 'https://anthropic.com/' } as never)).toEqual({ action: 'deny' });
    expect(webContents.openHandler!({ url: 'smb://server/share' } as never)).toEqual({ action: 'deny' });
    expect(shellState.external).toEqual(['https://example.com/', 'https://anthropic.com/']);
  });

  it('hides on close and only closes for real when the app quits', () => {
    window.show();
    const [win] = FakeBrowserWindow.instances;
    expect(win.close()).toBe(false);
    expect(win.visible).toBe(false);
    window.allowClose();
    expect(win.close()).toBe(true);
    window.show();
    expect(FakeBrowserWindow.instances).toHaveLength(2);
  });
});
