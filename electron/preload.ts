/**
 * The sandboxed preload: exposes `window.api` built from the contract's method names. No logic here;
 * it is bundled into one file because a sandboxed preload cannot load our modules.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CANCEL_CHANNEL, channelFor, METHOD_NAMES, PROGRESS_CHANNEL } from '../shared/api/contract';
import { BRIDGE_FILES_PATH } from '../shared/api/bridgePaths';
import type { CallRequest, Host, ProgressMessage } from '../shared/api/host';
import { hostFilePath, type HostFile } from '../shared/api/hostFiles';
import { APP_ORIGIN, MENU_ROUTE, SHELL_NAVIGATE_CHANNEL } from './shell/channels';

const methods = Object.fromEntries(
  METHOD_NAMES.map((name) => [
    name,
    (request: CallRequest): Promise<unknown> => ipcRenderer.invoke(channelFor(name), request),
  ]),
);

/** Exactly what the renderer expects of a host (shared/api/host.ts). */
const api = {
  methods,
  cancel: (operationId: string) => ipcRenderer.send(CANCEL_CHANNEL, operationId),
  onProgress: (listener: (message: ProgressMessage) => void) => {
    const wrapped = (_event: unknown, message: ProgressMessage) => listener(message);
    ipcRenderer.on(PROGRESS_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(PROGRESS_CHANNEL, wrapped);
  },
  // Served by main's app:// protocol (electron/shell/protocols.ts), which resolves only known files.
  fileUrl: (file: HostFile, options?: { download?: boolean }) =>
    `${APP_ORIGIN}${BRIDGE_FILES_PATH}${hostFilePath(file)}${options?.download ? '?download=1' : ''}`,
} satisfies Host;

contextBridge.exposeInMainWorld('api', api);

// Menu items switch screens by route; only routes of the app's own shape are followed.
ipcRenderer.on(SHELL_NAVIGATE_CHANNEL, (_event, route: unknown) => {
  if (typeof route === 'string' && MENU_ROUTE.test(route)) window.location.hash = route;
});
