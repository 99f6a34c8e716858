/**
 * The sandboxed preload: exposes `window.api` built from the contract's method names. No logic here;
 * it is bundled into one file because a sandboxed preload cannot load our modules.
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  CANCEL_CHANNEL,
  channelFor,
  METHOD_NAMES,
  PROGRESS_CHANNEL,
  type MethodName,
} from '../shared/api/contract';

const methods = Object.fromEntries(
  METHOD_NAMES.map((name) => [
    name,
    (request: { input?: unknown; operationId?: string }) =>
      ipcRenderer.invoke(channelFor(name as MethodName), request),
  ]),
);

contextBridge.exposeInMainWorld('api', {
  methods,
  cancel: (operationId: string) => ipcRenderer.send(CANCEL_CHANNEL, operationId),
  onProgress: (listener: (message: { operationId: string; progress: unknown }) => void) => {
    const wrapped = (_event: unknown, message: { operationId: string; progress: unknown }) =>
      listener(message);
    ipcRenderer.on(PROGRESS_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(PROGRESS_CHANNEL, wrapped);
  },
});
