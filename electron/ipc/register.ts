/**
 * The Electron transport of the host layer: one ipcMain handler per contract method and one cancel
 * channel, answering only the app's own window. Running the call (request, operation ids, progress,
 * cancel) is electron/host/operations.ts, shared with the browser bridge.
 */
import { CANCEL_CHANNEL, channelFor, METHOD_NAMES, PROGRESS_CHANNEL } from '../../shared/api/contract';
import type { Envelope } from '../../shared/api/host';
import type { Operations } from '../host/operations';

/** The part of Electron's ipcMain we use: a fake of this shape tests the registration without Electron. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
  on(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): void;
}
export interface IpcEventLike {
  sender: { send(channel: string, ...args: unknown[]): void; id?: number };
  /** Electron's WebFrameMain; its parent is null for the top frame. */
  senderFrame?: { url: string; parent?: unknown } | null;
}

const UNTRUSTED: Envelope = {
  ok: false,
  error: { code: 'refused', message: 'This window may not use the app.' },
};

export function registerIpc(
  ipcMain: IpcMainLike,
  operations: Operations,
  options: { isTrustedSender: (event: IpcEventLike) => boolean },
): void {
  for (const name of METHOD_NAMES) {
    ipcMain.handle(channelFor(name), (event, request) => {
      if (!options.isTrustedSender(event)) return UNTRUSTED;
      // Progress goes back to the window that asked.
      return operations.call(name, request, {
        emit: (message) => event.sender.send(PROGRESS_CHANNEL, message),
      });
    });
  }

  ipcMain.on(CANCEL_CHANNEL, (event, operationId) => {
    if (options.isTrustedSender(event)) operations.cancel(operationId);
  });
}
