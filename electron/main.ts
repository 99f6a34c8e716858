/**
 * The Electron main process: one window, the menu, the app:// protocol and the app's lifecycle. Every
 * decision lives in a small tested module under electron/shell/; this file only wires them to Electron.
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  screen,
  session,
  shell,
  utilityProcess,
  type MessageBoxOptions,
  type WebContents,
} from 'electron';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { resolveHostFile } from './host/files';
import { openFailureReason, openHost, type AppHost } from './host/open';
import { registerIpc } from './ipc/register';
import type { Services } from './services';
import { useIsolatedChildStarter } from './services/workers/isolatedProcess';
import { exportCaseWithDialogs, importCaseWithDialogs, type ArchiveDialogs } from './shell/archiveActions';
import { SHELL_NAVIGATE_CHANNEL, MENU_ROUTE } from './shell/channels';
import { createLog, problemDialog, type Log } from './shell/crash';
import { buildMenuTemplate } from './shell/menu';
import {
  caseIdFromUrl,
  decideNavigation,
  isAllowedDownload,
  isTrustedHelpUrl,
  type NavigationDecision,
} from './shell/navigation';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './shell/protocols';
import { BLOCKED_REQUEST_URLS } from './shell/network';
import { createSenderCheck } from './shell/sender';
import { APP_ENTRY_URL, APP_SCHEME, browserWindowOptions } from './shell/windowOptions';
import { captureWindowState, readWindowState, writeWindowState } from './shell/windowState';
import { utilityProcessStarter } from './shell/utilityChild';

// Before `ready`: app:// behaves like https (secure context, fetch, standard URL parsing).
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();

const appRoot = app.getAppPath();
const resourcesDir = app.isPackaged ? process.resourcesPath : join(appRoot, 'resources');
const developer = !app.isPackaged;

/** `--data-dir DIR` (tests, portable use) or SEND_BUNDLE_DATA, else the OS's place for app data. */
function dataDirectory(): string {
  const flag = process.argv.find((a) => a.startsWith('--data-dir='));
  if (flag) return resolve(flag.slice('--data-dir='.length));
  if (process.env.SEND_BUNDLE_DATA) return resolve(process.env.SEND_BUNDLE_DATA);
  return app.getPath('userData');
}

let log: Log | null = null;
let host: AppHost | null = null;
let services: Services | null = null;
let mainWindow: BrowserWindow | null = null;

function logFilePath(): string {
  return join(app.getPath('userData'), 'logs', 'main.log');
}

function where() {
  return { dataDir: host?.ctx.paths.dataDir ?? dataDirectory(), logFile: log?.file ?? logFilePath() };
}

async function showProblem(kind: 'main' | 'window', error: unknown): Promise<number> {
  log?.error(kind === 'main' ? 'Unexpected error' : 'Window problem', error);
  const options = problemDialog(kind, where()) as MessageBoxOptions;
  const { response } = mainWindow
    ? await dialog.showMessageBox(mainWindow, options)
    : await dialog.showMessageBox(options);
  return response;
}

function sendRoute(route: string): void {
  if (!mainWindow || !MENU_ROUTE.test(route)) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
  mainWindow.webContents.send(SHELL_NAVIGATE_CHANNEL, route);
}

function dialogsFor(window: BrowserWindow): ArchiveDialogs {
  return {
    async chooseSavePath(defaultName) {
      const result = await dialog.showSaveDialog(window, {
        title: 'Export Case',
        defaultPath: join(app.getPath('documents'), defaultName),
        filters: [{ name: 'Case export', extensions: ['zip'] }],
      });
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async chooseOpenPath() {
      const result = await dialog.showOpenDialog(window, {
        title: 'Import Case',
        properties: ['openFile'],
        filters: [{ name: 'Case export', extensions: ['zip'] }],
      });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async ask(question) {
      const { response } = await dialog.showMessageBox(window, { type: 'question', ...question });
      return response;
    },
    async inform(message, detail) {
      await dialog.showMessageBox(window, { type: 'info', message, detail, buttons: ['OK'] });
    },
    async fail(message) {
      await dialog.showMessageBox(window, { type: 'error', message, buttons: ['OK'] });
    },
  };
}

function refreshMenu(): void {
  if (!services) return;
  let recentCases: { id: number; title: string }[] = [];
  try {
    recentCases = services.cases.list().map((c) => ({ id: c.id, title: c.title }));
  } catch (error) {
    log?.error('Could not list cases for the menu', error);
  }
  const currentCaseId = mainWindow ? caseIdFromUrl(mainWindow.webContents.getURL()) : null;
  const template = buildMenuTemplate(
    { platform: process.platform, appName: app.getName(), currentCaseId, recentCases, developer },
    {
      navigate: sendRoute,
      exportCase: (caseId) => {
        if (mainWindow && services) void exportCaseWithDialogs(services, caseId, dialogsFor(mainWindow));
      },
      importCase: () => {
        if (!mainWindow || !services) return;
        void importCaseWithDialogs(services, dialogsFor(mainWindow)).then((result) => {
          if (result) {
            refreshMenu();
            sendRoute(`#/case/${result.case.id}`);
          }
        });
      },
      openGuide: () => void shell.openPath(join(resourcesDir, 'guide', 'index.html')),
      openHelp: (url) => {
        if (isTrustedHelpUrl(url)) void shell.openExternal(url);
      },
      showDataFolder: () => void shell.openPath(where().dataDir),
      showLog: () => shell.showItemInFolder(where().logFile),
    },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** Carries out what navigation.ts decided for a link or a navigation the page started. */
function act(decision: NavigationDecision, contents: WebContents, url: string): void {
  if (decision.action === 'open-external') {
    void shell.openExternal(decision.url);
  } else if (decision.action === 'open-file' && services) {
    if (decision.download) {
      contents.downloadURL(url);
      return;
    }
    const resolved = resolveHostFile(services, decision.file);
    if (resolved) void shell.openPath(resolved.path);
  } else if (decision.action === 'deny') {
    log?.info(`Blocked navigation to ${url.slice(0, 200)}`);
  }
}

function hardenContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    act(decideNavigation(url, 'new-window'), contents, url);
    return { action: 'deny' };
  });
  const guard = (event: { preventDefault(): void }, url: string) => {
    const decision = decideNavigation(url, 'navigate');
    if (decision.action === 'allow') return;
    event.preventDefault();
    act(decision, contents, url);
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function hardenSession(): void {
  const ses = session.defaultSession;
  // No camera, microphone, location, notifications, USB, HID, serial...: the app needs none of them.
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // The app works offline: nothing the window loads may go to the network or the file system.
  ses.webRequest.onBeforeRequest({ urls: [...BLOCKED_REQUEST_URLS] }, (details, callback) => {
    log?.info(`Blocked a request to ${details.url.slice(0, 200)}`);
    callback({ cancel: true });
  });
  ses.on('will-download', (_event, item) => {
    if (!isAllowedDownload(item.getURL())) {
      item.cancel();
      return;
    }
    item.setSaveDialogOptions({
      title: 'Save a Copy',
      defaultPath: join(app.getPath('documents'), item.getFilename()),
    });
  });
  if (!services) throw new Error('Services must be ready before the protocol.');
  const svc = services;
  ses.protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({
      rendererDir: join(appRoot, 'dist', 'renderer'),
      resolveFile: (file) => resolveHostFile(svc, file),
    }),
  );
}

function createWindow(): void {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const state = readWindowState(
    stateFile,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const icon = join(resourcesDir, 'icons', 'icon.png');
  const window = new BrowserWindow(
    browserWindowOptions({
      preload: join(__dirname, 'preload.cjs'),
      state,
      icon: existsSync(icon) ? icon : undefined,
      devTools: developer,
    }),
  );
  mainWindow = window;
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    try {
      writeWindowState(stateFile, captureWindowState(window.getNormalBounds(), window.isMaximized()));
    } catch (error) {
      log?.error('Could not save the window position', error);
    }
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  window.webContents.on('did-navigate-in-page', () => refreshMenu());
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    void showProblem(
      'window',
      new Error(`Renderer gone: ${details.reason} (exit code ${details.exitCode})`),
    ).then((choice) => (choice === 0 ? window.reload() : app.quit()));
  });
  window.webContents.on('unresponsive', () => log?.info('The window is not responding.'));
  void window.loadURL(APP_ENTRY_URL);
  refreshMenu();
}

function start(): void {
  log = createLog(logFilePath());
  log.info(
    `Starting SEND Bundle Builder ${app.getVersion()} (Electron ${process.versions.electron}, ${process.platform})`,
  );
  process.env.SEND_BUNDLE_APP_VERSION = app.getVersion();
  process.on('uncaughtException', (error) => void showProblem('main', error));
  process.on('unhandledRejection', (reason) => void showProblem('main', reason));
  // Users' files are read in utility processes (the binary cannot run as Node: electron-builder.yml).
  useIsolatedChildStarter(utilityProcessStarter(utilityProcess));

  try {
    // Opening migrates the database; an existing one is first copied to backups/ (db/connection.ts).
    host = openHost(dataDirectory(), { log: (error) => log?.error('API call failed', error) });
  } catch (error) {
    log.error('Could not open the data folder', error);
    dialog.showMessageBoxSync(
      problemDialog('startup', where(), openFailureReason(error, dataDirectory())) as MessageBoxOptions,
    );
    app.exit(1);
    return;
  }
  services = host.services;
  log.info(`Data folder: ${host.ctx.paths.dataDir}`);

  registerIpc(ipcMain, host.operations, {
    isTrustedSender: createSenderCheck(() =>
      mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents.id : null,
    ),
  });
  hardenSession();
  createWindow();
}

if (!app.requestSingleInstanceLock()) {
  // Two copies writing one database would be unsafe: the first copy comes to the front instead.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (services && BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('will-quit', () => {
    if (host) {
      host.close();
      host = null;
      log?.info('Closed the data folder.');
    }
  });
  if (process.platform === 'win32') app.setAppUserModelId('uk.sendbundlebuilder.app');
  app.whenReady().then(start, (error: unknown) => {
    log?.error('Electron failed to start', error);
    app.exit(1);
  });
}
