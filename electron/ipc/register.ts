import { CANCEL_CHANNEL, channelFor, METHOD_NAMES, PROGRESS_CHANNEL } from '../../shared/api/contract';
import type { Router } from './router';

/** The part of Electron's ipcMain we use: a fake of this shape tests the registration without Electron. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
  on(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): void;
}
export interface IpcEventLike {
  sender: { send(channel: string, ...args: unknown[]): void; id?: number };
  senderFrame?: { url: string } | null;
}

/** The preload sends `{ input, operationId? }` for every call. */
interface CallRequest {
  input?: unknown;
  operationId?: unknown;
}

export function registerIpc(
  ipcMain: IpcMainLike,
  router: Router,
  options: { isTrustedSender: (event: IpcEventLike) => boolean },
): void {
  const running = new Map<string, AbortController>();

  for (const name of METHOD_NAMES) {
    ipcMain.handle(channelFor(name), async (event, request) => {
      if (!options.isTrustedSender(event)) {
        return { ok: false, error: { code: 'refused', message: 'This window may not use the app.' } };
      }
      const { input, operationId } = (
        typeof request === 'object' && request !== null ? request : {}
      ) as CallRequest;
      const opId = typeof operationId === 'string' && operationId.length <= 100 ? operationId : undefined;
      const controller = new AbortController();
      if (opId) running.set(opId, controller);
      try {
        return await router.call(name, input, {
          signal: controller.signal,
          onProgress: (progress) => {
            if (opId) event.sender.send(PROGRESS_CHANNEL, { operationId: opId, progress });
          },
        });
      } finally {
        if (opId) running.delete(opId);
      }
    });
  }

  ipcMain.on(CANCEL_CHANNEL, (event, operationId) => {
    if (!options.isTrustedSender(event) || typeof operationId !== 'string') return;
    running.get(operationId)?.abort();
  });
}
