/* eslint-disable @typescript-eslint/no-require-imports */
// A stand-in for the 'electron' module, so the bundled main process (dist/electron/main.cjs) can run
// under plain Node in tests: `node -r tests/helpers/fake-electron.cjs main.cjs`. It records what main
// asks of Electron, then probes the wiring (protocol, IPC, navigation, permissions) and prints one line
// `REPORT <json>` before exiting. Options come from the environment:
//   FAKE_ELECTRON_APP_ROOT  what app.getAppPath() returns (its dist/renderer is served)
//   FAKE_ELECTRON_USER_DATA what app.getPath('userData') returns
const Module = require('node:module');

const calls = [];
const record = (name, detail) => calls.push(detail === undefined ? { name } : { name, detail });
const appListeners = new Map();
const sessionListeners = new Map();
const ipcHandlers = new Map();
const ipcListeners = new Map();
let protocolHandler = null;
let permissionRequestHandler = null;
let permissionCheckHandler = null;
let beforeRequest = null;
let menuTemplate = null;
const windows = [];
let nextContentsId = 1;

function fakeContents() {
  const listeners = new Map();
  const contents = {
    id: nextContentsId++,
    url: '',
    sent: [],
    windowOpenHandler: null,
    on(event, listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return contents;
    },
    once(event, listener) {
      return contents.on(event, listener);
    },
    emit(event, ...args) {
      for (const listener of listeners.get(event) ?? []) listener(...args);
    },
    setWindowOpenHandler(handler) {
      contents.windowOpenHandler = handler;
    },
    send(channel, ...args) {
      contents.sent.push({ channel, args });
    },
    getURL: () => contents.url,
    downloadURL: (url) => record('downloadURL', url),
    reload: () => record('reload'),
    isDestroyed: () => false,
  };
  return contents;
}

class BrowserWindow {
  constructor(options) {
    this.options = options;
    this.webContents = fakeContents();
    this.listeners = new Map();
    windows.push(this);
    // Every web contents is announced, as Electron does.
    for (const listener of appListeners.get('web-contents-created') ?? []) listener({}, this.webContents);
  }
  static getAllWindows() {
    return windows;
  }
  on(event, listener) {
    this.listeners.set(event, listener);
    return this;
  }
  once(event, listener) {
    return this.on(event, listener);
  }
  loadURL(url) {
    this.webContents.url = url;
    record('loadURL', url);
    return Promise.resolve();
  }
  maximize() {}
  show() {}
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
  isMaximized() {
    return false;
  }
  isDestroyed() {
    return false;
  }
  getNormalBounds() {
    return { x: 10, y: 20, width: 1200, height: 700 };
  }
}

const appRoot = process.env.FAKE_ELECTRON_APP_ROOT;
const userData = process.env.FAKE_ELECTRON_USER_DATA;

const electron = {
  BrowserWindow,
  app: {
    isPackaged: false,
    getAppPath: () => appRoot,
    getPath: (name) => (name === 'userData' ? userData : `${userData}/${name}`),
    getVersion: () => '0.0.0-test',
    getName: () => 'SEND Bundle Builder',
    enableSandbox: () => record('enableSandbox'),
    requestSingleInstanceLock: () => {
      record('requestSingleInstanceLock');
      return true;
    },
    setAppUserModelId: () => {},
    on(event, listener) {
      appListeners.set(event, [...(appListeners.get(event) ?? []), listener]);
    },
    whenReady() {
      setTimeout(() => probe().catch((error) => report({ probeError: String(error && error.stack) })), 50);
      return Promise.resolve();
    },
    quit: () => record('quit'),
    exit: (code) => {
      record('exit', code);
      report({});
    },
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes) => record('registerSchemesAsPrivileged', schemes),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (handler) => (permissionRequestHandler = handler),
      setPermissionCheckHandler: (handler) => (permissionCheckHandler = handler),
      setDevicePermissionHandler: () => record('setDevicePermissionHandler'),
      webRequest: {
        onBeforeRequest: (filter, handler) => (beforeRequest = { filter, handler }),
      },
      on: (event, listener) => sessionListeners.set(event, listener),
      protocol: {
        handle: (scheme, handler) => {
          record('protocol.handle', scheme);
          protocolHandler = handler;
        },
      },
    },
  },
  ipcMain: {
    handle: (channel, handler) => ipcHandlers.set(channel, handler),
    on: (channel, listener) => ipcListeners.set(channel, listener),
  },
  Menu: {
    buildFromTemplate: (template) => {
      menuTemplate = template;
      return { template };
    },
    setApplicationMenu: () => record('setApplicationMenu'),
  },
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  dialog: {
    showMessageBox: async (...args) => {
      record('showMessageBox', args.at(-1));
      return { response: 0 };
    },
    showMessageBoxSync: (...args) => {
      record('showMessageBoxSync', args.at(-1));
      return 0;
    },
    showSaveDialog: async () => ({ canceled: true }),
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
  },
  shell: {
    openExternal: async (url) => record('openExternal', url),
    openPath: async (path) => record('openPath', path),
    showItemInFolder: (path) => record('showItemInFolder', path),
  },
};

const originalResolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'electron') return 'fake-electron';
  return originalResolve.call(this, request, ...rest);
};
require.cache['fake-electron'] = {
  id: 'fake-electron',
  filename: 'fake-electron',
  loaded: true,
  exports: electron,
};

function report(extra) {
  process.stdout.write(`REPORT ${JSON.stringify({ calls, ...extra })}\n`);
  process.exit(0);
}

async function fetchApp(url) {
  const response = await protocolHandler(new Request(url));
  return {
    status: response.status,
    csp: response.headers.get('content-security-policy'),
    type: response.headers.get('content-type'),
    length: (await response.arrayBuffer()).byteLength,
  };
}

async function probe() {
  const window = windows[0];
  if (!window) return report({ noWindow: true });
  const contents = window.webContents;
  const trusted = { sender: contents, senderFrame: { url: 'app://app/index.html', parent: null } };
  const fromFrame = { sender: contents, senderFrame: { url: 'app://app/index.html', parent: {} } };
  const otherWindow = {
    sender: { id: 999, send() {} },
    senderFrame: { url: 'app://app/index.html', parent: null },
  };
  const remotePage = { sender: contents, senderFrame: { url: 'https://evil.example/', parent: null } };
  const create = ipcHandlers.get('api:cases.create');
  const ipc = {
    channels: [...ipcHandlers.keys()],
    trusted: await create(trusted, {
      input: { title: 'Smoke', role: 'parent', appealType: 'refusal-to-assess' },
    }),
    fromFrame: await create(fromFrame, {
      input: { title: 'x', role: 'parent', appealType: 'refusal-to-assess' },
    }),
    otherWindow: await create(otherWindow, {
      input: { title: 'x', role: 'parent', appealType: 'refusal-to-assess' },
    }),
    remotePage: await create(remotePage, {
      input: { title: 'x', role: 'parent', appealType: 'refusal-to-assess' },
    }),
    malformed: await create(trusted, 'not an object'),
    list: await ipcHandlers.get('api:cases.list')(trusted, { input: {} }),
  };

  let permission = null;
  permissionRequestHandler(contents, 'media', (granted) => (permission = granted));

  const navigations = {};
  for (const url of [
    'https://evil.example/',
    'file:///etc/passwd',
    'app://app/index.html',
    'https://www.gov.uk/special-educational-needs-disability-tribunal',
  ]) {
    let prevented = false;
    contents.emit('will-navigate', { preventDefault: () => (prevented = true) }, url);
    navigations[url] = prevented;
  }
  const windowOpen = contents.windowOpenHandler({ url: 'https://evil.example/' });

  const download = { cancelled: false };
  sessionListeners.get('will-download')(
    {},
    {
      getURL: () => 'https://evil.example/x.exe',
      cancel: () => (download.cancelled = true),
      getFilename: () => 'x.exe',
      setSaveDialogOptions: () => {},
    },
  );

  contents.url = 'app://app/index.html#/case/1/evidence';
  contents.emit('did-navigate-in-page');
  const fileMenu = menuTemplate.find((m) => String(m.label).replace('&', '') === 'File');
  const importEvidence = fileMenu.submenu.find((i) => i.label === 'Import Evidence…');
  importEvidence.click();

  window.listeners.get('close')?.();
  report({
    windowOptions: window.options,
    protocol: {
      index: await fetchApp('app://app/index.html'),
      traversal: await fetchApp('app://app/%2e%2e/%2e%2e/etc/passwd'),
      unknownDocument: await fetchApp(`app://app/files/document/${'a'.repeat(64)}`),
      otherHost: await fetchApp('app://evil/index.html'),
    },
    ipc,
    permission,
    permissionCheck: permissionCheckHandler(contents, 'media'),
    blockedUrls: beforeRequest.filter.urls,
    navigations,
    windowOpen,
    download,
    menuLabels: menuTemplate.map((m) => String(m.label ?? m.role).replace('&', '')),
    importEvidenceEnabled: importEvidence.enabled,
    sent: contents.sent,
  });
}
