/**
 * The main window's settings, kept out of main.ts so a test can assert every security switch without
 * Electron. Types only from 'electron': importing this file never loads Electron.
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../host/csp';
import { APP_ORIGIN } from './channels';
import type { WindowState } from './windowState';

/**
 * The renderer's Content Security Policy (electron/host/csp.ts): the same text as the renderer's meta tag;
 * both hosts also send it as a header on everything they serve.
 */
export { CONTENT_SECURITY_POLICY };

/** The renderer is served from `app://app/` (a standard, secure custom scheme), never from file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'app';
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const MIN_WIDTH = 800;
const MIN_HEIGHT = 600;

export function webPreferences(options: { preload: string; devTools: boolean }): WebPreferences {
  return {
    preload: options.preload,
    // The page gets no Node and no Electron: only what the preload passes through contextBridge.
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    // A file dropped outside the drop zone must not replace the app with the file.
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: true,
    devTools: options.devTools,
  };
}

export function browserWindowOptions(options: {
  preload: string;
  state: WindowState;
  icon?: string;
  devTools: boolean;
}): BrowserWindowConstructorOptions {
  const { state } = options;
  return {
    title: 'SEND Bundle Builder',
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    // Shown once the first page has painted, so the user never sees a blank white window.
    show: false,
    backgroundColor: '#ffffff',
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: webPreferences({ preload: options.preload, devTools: options.devTools }),
  };
}
