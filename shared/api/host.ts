/**
 * What crosses between the renderer and its host, stated once for every transport: the Electron preload
 * (IPC), the browser bridge (HTTP) and the renderer's client (renderer/api.ts). The hosts' shared code is
 * in electron/host/; each transport only carries these shapes.
 */
import type { ProgressEvent } from './contract';
import type { ApiErrorShape } from './errors';
import type { HostFile } from './hostFiles';

/** The answer to every call: never a thrown exception. */
export type Envelope<T = unknown> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };

/** What the renderer sends for every call; `operationId` for calls that report progress or can be cancelled. */
export interface CallRequest {
  input: unknown;
  operationId?: string;
}

/** One progress event of one operation, as the host sends it back. */
export interface ProgressMessage {
  operationId: string;
  progress: ProgressEvent;
}

/** Longer operation ids are ignored (the call still runs, without progress or cancel). */
export const MAX_OPERATION_ID_LENGTH = 100;

/**
 * What a host gives the renderer. The Electron preload exposes exactly this as `window.api` (it
 * `satisfies Host`); renderer/api.ts builds the same shape over the browser bridge. `fileUrl` gives an
 * address the page can load (pdf.js preview, <a href> to open or save).
 */
export interface Host {
  methods: Record<string, (request: CallRequest) => Promise<unknown>>;
  onProgress(listener: (message: ProgressMessage) => void): () => void;
  cancel(operationId: string): void;
  fileUrl(file: HostFile, options?: { download?: boolean }): string;
}
