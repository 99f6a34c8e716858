/**
 * The calls both hosts run, with what they share: reading the request `{ input, operationId? }`, the
 * operations running now (so a cancel can find them), and progress addressed to the operation's id. The
 * Electron IPC registration and the browser bridge add only their transport: who may call, how bytes
 * travel, where progress messages go.
 */
import { MAX_OPERATION_ID_LENGTH, type Envelope, type ProgressMessage } from '../../shared/api/host';
import type { Router } from '../ipc/router';

interface CallOptions {
  /** Where this call's progress goes (the calling window, or the bridge's event streams). */
  emit: (message: ProgressMessage) => void;
  /** Aborts the call from the transport's side (for example a dropped connection). */
  signal?: AbortSignal;
}

export interface Operations {
  /** Runs one contract method for a request as the renderer sent it (not yet checked). */
  call(name: string, request: unknown, options: CallOptions): Promise<Envelope>;
  /** Stops a running operation; says whether one of that id was running. */
  cancel(operationId: unknown): boolean;
  /** Stops everything (the host is closing). */
  cancelAll(): void;
}

/** The request's input and its operation id, when it has a usable one. */
function readCallRequest(request: unknown): { input: unknown; operationId?: string } {
  const { input, operationId } = (typeof request === 'object' && request !== null ? request : {}) as {
    input?: unknown;
    operationId?: unknown;
  };
  return typeof operationId === 'string' && operationId.length <= MAX_OPERATION_ID_LENGTH
    ? { input, operationId }
    : { input };
}

export function createOperations(router: Router): Operations {
  const running = new Map<string, AbortController>();
  return {
    async call(name, request, options) {
      const { input, operationId } = readCallRequest(request);
      const controller = new AbortController();
      const abort = () => controller.abort();
      options.signal?.addEventListener('abort', abort);
      if (options.signal?.aborted) controller.abort();
      if (operationId) running.set(operationId, controller);
      try {
        return await router.call(name, input, {
          signal: controller.signal,
          onProgress: (progress) => {
            if (operationId) options.emit({ operationId, progress });
          },
        });
      } finally {
        options.signal?.removeEventListener('abort', abort);
        if (operationId && running.get(operationId) === controller) running.delete(operationId);
      }
    },
    cancel(operationId) {
      if (typeof operationId !== 'string') return false;
      const controller = running.get(operationId);
      controller?.abort();
      return controller !== undefined;
    },
    cancelAll() {
      for (const controller of running.values()) controller.abort();
    },
  };
}
