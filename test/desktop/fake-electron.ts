/**
 * A stand-in for the `electron` module that records what the shell asks of it. Each fake implements
 * the slice of Electron's own type (electron.d.ts) the shell uses, so a change in Electron's API
 * breaks the type check here instead of passing silently. Events use Node's EventEmitter, as
 * Electron's objects do (their typed `on` overloads return the full Electron class, which a fake
 * cannot be).
 */
import { EventEmitter } from 'node:events';
import { request as httpRequest, type RequestOptions } from 'node:http';
import type * as Electron from 'electron';

export class FakeNativeImage implements Pick<Electron.NativeImage, 'addRepresentation' | 'setTemplateImage' | 'isTemplateImage'> {
  readonly representations: { scaleFactor: number; png: Buffer }[] = [];
  private template = false;

  constructor(png?: Buffer, scaleFactor = 1) {
    if (png) this.representations.push({ scaleFactor, png });
  }

  addRepresentation(options: Electron.AddRepresentationOptions): void {
    this.representations.push({ scaleFactor: options.scaleFactor ?? 1, png: options.buffer! });
  }

  setTemplateImage(option: boolean): void {
    this.template = option;
  }

  isTemplateImage(): boolean {
    return this.template;
  }
}

export const nativeImage: Pick<typeof Electron.nativeImage, 'createFromBuffer' | 'createEmpty'> = {
  createFromBuffer: (buffer, options) => new FakeNativeImage(buffer, options?.scaleFactor) as unknown as Electron.NativeImage,
  createEmpty: () => new FakeNativeImage() as unknown as Electron.NativeImage,
};

export class FakeMenu {
  constructor(readonly template: Electron.MenuItemConstructorOptions[]) {}
}

export const Menu: Pick<typeof Electron.Menu, 'buildFromTemplate'> = {
  buildFromTemplate: (template) => new FakeMenu(template as Electron.MenuItemConstructorOptions[]) as unknown as Electron.Menu,
};

export class FakeTray extends EventEmitter implements Pick<Electron.Tray, 'setTitle' | 'setImage' | 'setToolTip' | 'setContextMenu' | 'destroy'> {
  static instances: FakeTray[] = [];
  readonly images: FakeNativeImage[] = [];
  readonly titles: string[] = [];
  tooltip = '';
  menu: FakeMenu | null = null;
  destroyed = false;

  constructor(image: Electron.NativeImage | string) {
    super();
    this.images.push(image as unknown as FakeNativeImage);
    FakeTray.instances.push(this);
  }

  setTitle(title: string): void {
    this.titles.push(title);
  }

  setImage(image: Electron.NativeImage | string): void {
    this.images.push(image as unknown as FakeNativeImage);
  }

  setToolTip(toolTip: string): void {
    this.tooltip = toolTip;
  }

  setContextMenu(menu: Electron.Menu | null): void {
    this.menu = menu as unknown as FakeMenu | null;
  }

  destroy(): void {
    this.destroyed = true;
  }
}

export class FakeWebContents extends EventEmitter implements Pick<Electron.WebContents, 'setWindowOpenHandler' | 'executeJavaScript'> {
  /** What `executeJavaScript` answers: the fake runs no page script, so a test says what the page rendered. */
  static scriptResult: unknown = 1;
  openHandler: Parameters<Electron.WebContents['setWindowOpenHandler']>[0] | null = null;
  readonly scripts: string[] = [];

  async executeJavaScript(code: string): Promise<unknown> {
    this.scripts.push(code);
    return FakeWebContents.scriptResult;
  }

  setWindowOpenHandler(handler: Parameters<Electron.WebContents['setWindowOpenHandler']>[0]): void {
    this.openHandler = handler;
  }

  /** What the window does when the page navigates to `url`: true when the navigation was prevented. */
  navigate(url: string): boolean {
    let prevented = false;
    this.emit('will-navigate', { preventDefault: () => void (prevented = true), url }, url);
    return prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter implements Pick<Electron.BrowserWindow, 'loadURL' | 'show' | 'hide' | 'focus'> {
  static instances: FakeBrowserWindow[] = [];
  /** When true, loadURL really GETs the page and reports it as Electron does (did-navigate with the status, then did-finish-load or did-fail-load). */
  static loadsOverHttp = false;
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  visible = false;

  constructor(readonly options: Electron.BrowserWindowConstructorOptions) {
    super();
    FakeBrowserWindow.instances.push(this);
  }

  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    if (!FakeBrowserWindow.loadsOverHttp) return;
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      this.webContents.emit('did-navigate', {}, url, response.status, response.statusText);
      this.webContents.emit('did-finish-load');
    } catch (error) {
      this.webContents.emit('did-fail-load', {}, -102, (error as Error).message, url);
    }
  }

  show(): void {
    this.visible = true;
  }

  hide(): void {
    this.visible = false;
  }

  focus(): void {}

  /** Closing as the user does: true when the window really closed. */
  close(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => void (prevented = true) });
    if (!prevented) this.emit('closed');
    return !prevented;
  }
}

export class FakeNotification extends EventEmitter implements Pick<Electron.Notification, 'show'> {
  static instances: FakeNotification[] = [];
  static supported = true;
  shown = false;

  static isSupported(): boolean {
    return FakeNotification.supported;
  }

  constructor(readonly options: Electron.NotificationConstructorOptions) {
    super();
    FakeNotification.instances.push(this);
  }

  show(): void {
    this.shown = true;
  }
}

type FakeApp = Pick<
  Electron.App,
  'requestSingleInstanceLock' | 'whenReady' | 'quit' | 'exit' | 'getPath' | 'getAppPath' | 'getVersion' | 'setLoginItemSettings' | 'isPackaged'
> &
  EventEmitter & { dock: Pick<Electron.Dock, 'hide'>; state: { userData: string; hasLock: boolean; quitCalls: number; dockHidden: boolean; loginItem: Electron.Settings | null } };

class AppEmitter extends EventEmitter {}

export const app: FakeApp = Object.assign(new AppEmitter(), {
  state: { userData: '', hasLock: true, quitCalls: 0, dockHidden: false, loginItem: null as Electron.Settings | null },
  isPackaged: false,
  requestSingleInstanceLock: () => app.state.hasLock,
  whenReady: async () => {},
  quit: () => void app.state.quitCalls++,
  exit: () => {},
  getPath: () => app.state.userData,
  getAppPath: () => process.cwd(),
  getVersion: () => '0.0.0-test',
  setLoginItemSettings: (settings: Electron.Settings) => void (app.state.loginItem = settings),
  dock: { hide: () => void (app.state.dockHidden = true) },
});

export const dialogState = {
  errors: [] as { title: string; content: string }[],
  messageBoxes: [] as Electron.MessageBoxOptions[],
  /** The button index the fake user clicks in the next message boxes. */
  responses: [] as number[],
};

export const dialog: Pick<Electron.Dialog, 'showErrorBox'> & { showMessageBox(options: Electron.MessageBoxOptions): Promise<Electron.MessageBoxReturnValue> } = {
  showErrorBox: (title, content) => void dialogState.errors.push({ title, content }),
  showMessageBox: async (options) => {
    dialogState.messageBoxes.push(options);
    return { response: dialogState.responses.shift() ?? options.cancelId ?? 0, checkboxChecked: false };
  },
};

export const clipboardState = { text: '' };
export const clipboard: Pick<Electron.Clipboard, 'writeText'> = { writeText: (text) => void (clipboardState.text = text) };

export const shellState = { external: [] as string[], opened: [] as string[] };
export const shell: Pick<Electron.Shell, 'openExternal' | 'openPath'> = {
  openExternal: async (url) => void shellState.external.push(url),
  openPath: async (path) => {
    shellState.opened.push(path);
    return '';
  },
};

type HeadersListener = (details: { responseHeaders?: Record<string, string[]> }, callback: (response: Electron.HeadersReceivedResponse) => void) => void;
type PermissionHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;

export const sessionState = { headersListener: null as HeadersListener | null, permissionHandler: null as PermissionHandler | null };
export const session = {
  fromPartition: () => ({}),
  defaultSession: {
    webRequest: { onHeadersReceived: (listener: HeadersListener) => void (sessionState.headersListener = listener) },
    setPermissionRequestHandler: (handler: PermissionHandler) => void (sessionState.permissionHandler = handler),
  },
};

export const ipcMain = new EventEmitter();

/** Electron's net.request over Node's http (the same ClientRequest/IncomingMessage events), for electron-updater's downloads. */
export const net = {
  request: (options: Electron.ClientRequestConstructorOptions & { session?: unknown }) => {
    const { session: _session, redirect: _redirect, ...http } = options as Record<string, unknown>;
    return httpRequest(http as RequestOptions);
  },
};

/** Electron's own (Squirrel) autoUpdater: electron-updater only emits on it before quitting to install. */
export const autoUpdater = new EventEmitter();

export const electron = {
  app,
  BrowserWindow: FakeBrowserWindow,
  Tray: FakeTray,
  Menu,
  nativeImage,
  Notification: FakeNotification,
  dialog,
  clipboard,
  shell,
  session,
  ipcMain,
  net,
  autoUpdater,
};

export function resetFakeElectron(userData: string): void {
  FakeTray.instances = [];
  FakeBrowserWindow.instances = [];
  FakeBrowserWindow.loadsOverHttp = false;
  FakeWebContents.scriptResult = 1;
  FakeNotification.instances = [];
  FakeNotification.supported = true;
  Object.assign(app.state, { userData, hasLock: true, quitCalls: 0, dockHidden: false, loginItem: null });
  app.removeAllListeners();
  Object.assign(dialogState, { errors: [], messageBoxes: [], responses: [] });
  clipboardState.text = '';
  Object.assign(shellState, { external: [], opened: [] });
  Object.assign(sessionState, { headersListener: null, permissionHandler: null });
}

/** The menu item with this label, searching submenus. */
export function menuItem(template: Electron.MenuItemConstructorOptions[], label: string): Electron.MenuItemConstructorOptions {
  for (const item of template) {
    if (item.label === label) return item;
    if (Array.isArray(item.submenu)) {
      const found = menuItem(item.submenu, label) as Electron.MenuItemConstructorOptions | undefined;
      if (found) return found;
    }
  }
  return undefined as unknown as Electron.MenuItemConstructorOptions;
}

/** Clicks a menu item as Electron would (the handler's arguments are not used by the shell). */
export function click(item: Electron.MenuItemConstructorOptions): void {
  if (!item?.click) throw new Error(`menu item ${item?.label} has no click handler`);
  (item.click as () => void)();
}
