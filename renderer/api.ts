/**
 * The renderer's only way to the app: a typed client derived from the contract. It works the same over
 * either host:
 *  - Electron: the preload exposes `window.api` (electron/preload.ts), a `Host` (shared/api/host.ts);
 *  - the browser bridge (electron/bridge/server.ts): `createBridgeHost` builds the same shape over HTTP.
 * Screens call `call(name, input, { onProgress, signal })` and `fileUrl(...)`; nothing else touches
 * `window.api`.
 */
import {
  BRIDGE_CALL_PATH,
  BRIDGE_CANCEL_PATH,
  BRIDGE_EVENTS_PATH,
  BRIDGE_FILES_PATH,
  BRIDGE_FILE_NAME_HEADER,
  BRIDGE_TOKEN_HEADER,
  BRIDGE_TOKEN_QUERY,
  BRIDGE_UPLOAD_PATH,
  type UploadPurpose,
} from '../shared/api/bridgePaths';
import {
  contract,
  METHOD_NAMES,
  type InputOf,
  type MethodName,
  type OutputOf,
  type ProgressEvent,
} from '../shared/api/contract';
import { ApiError, isApiErrorShape, type ApiErrorShape } from '../shared/api/errors';
import type { CallRequest, Envelope, Host, ProgressMessage } from '../shared/api/host';
import { hostFilePath, type HostFile } from '../shared/api/hostFiles';
import { decodeWire, encodeWire } from '../shared/api/wire';

export { ApiError };
export type { ProgressEvent };

declare global {
  interface Window {
    api?: Host;
  }
}

const UNREACHABLE: ApiErrorShape = {
  code: 'internal',
  message: 'The app is not answering. If you started it with "npm run web", check that it is still running.',
};

/** Reads a server-sent-event stream; calls `onData` with each event's data. Resolves when it ends. */
async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onData: (data: string) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trimStart())
        .join('\n');
      if (data) onData(data);
    }
  }
}

const UPLOAD_PURPOSE: Partial<Record<MethodName, UploadPurpose>> = {
  'documents.import': 'import',
  'checker.check': 'check',
  'checker.report': 'check',
  'checker.compare': 'check',
  'checker.compareReport': 'check',
  'cases.import': 'archive',
};

interface UploadOptions {
  url: string;
  token: string;
  name: string;
  data: Uint8Array;
  signal: AbortSignal;
  onProgress: (sent: number, total: number) => void;
}

type UploadAnswer = { ok: true; id: string } | { ok: false; error: ApiErrorShape };

/** An upload the bridge refused: the call answers with its error instead of being sent. */
class UploadRefused extends Error {
  constructor(readonly refusal: ApiErrorShape) {
    super(refusal.message);
  }
}

/** Sends one file's bytes as the raw body, with upload progress where the browser gives it (XHR). */
function sendFile(options: UploadOptions, doFetch: typeof fetch): Promise<UploadAnswer> {
  const headers = {
    [BRIDGE_TOKEN_HEADER]: options.token,
    [BRIDGE_FILE_NAME_HEADER]: encodeURIComponent(options.name),
    'content-type': 'application/octet-stream',
  };
  const read = (status: number, text: string): UploadAnswer => {
    try {
      const envelope = decodeWire(text) as Envelope<{ upload: string }>;
      if (envelope.ok) return { ok: true, id: envelope.value.upload };
      return { ok: false, error: envelope.error };
    } catch {
      return {
        ok: false,
        error: status === 413 ? { code: 'refused', message: 'That file is too large.' } : UNREACHABLE,
      };
    }
  };
  const body = options.data as Uint8Array<ArrayBuffer>;
  if (typeof XMLHttpRequest === 'undefined') {
    return doFetch(options.url, { method: 'POST', headers, body, signal: options.signal }).then(
      async (response) => read(response.status, await response.text()),
      () => ({ ok: false, error: options.signal.aborted ? STOPPED : UNREACHABLE }),
    );
  }
  return new Promise((resolvePromise) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', options.url);
    for (const [key, value] of Object.entries(headers))
      if (key !== 'content-type') xhr.setRequestHeader(key, value);
    xhr.upload.onprogress = (event) => options.onProgress(event.loaded, event.total || options.data.length);
    xhr.onload = () => resolvePromise(read(xhr.status, xhr.responseText));
    xhr.onerror = () => resolvePromise({ ok: false, error: UNREACHABLE });
    xhr.onabort = () => resolvePromise({ ok: false, error: STOPPED });
    options.signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(new Blob([body], { type: 'application/octet-stream' }));
  });
}

const STOPPED: ApiErrorShape = { code: 'cancelled', message: 'Stopped.' };

/**
 * The browser bridge as a Host. The token travels in a header on API calls (fetch can send headers, so
 * the event stream is read with fetch too) and in the query of file URLs (which the browser loads itself).
 */
export function createBridgeHost(options: { baseUrl: string; token: string; fetch?: typeof fetch }): Host {
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const base = options.baseUrl.replace(/\/+$/, '');
  const headers = { [BRIDGE_TOKEN_HEADER]: options.token, 'content-type': 'application/json' };
  const listeners = new Set<(message: ProgressMessage) => void>();
  let stream: { ready: Promise<void>; controller: AbortController } | null = null;

  function openStream(): void {
    const controller = new AbortController();
    let markReady: () => void = () => {};
    const ready = new Promise<void>((resolveReady) => (markReady = resolveReady));
    stream = { ready, controller };
    doFetch(`${base}${BRIDGE_EVENTS_PATH}`, {
      headers: { [BRIDGE_TOKEN_HEADER]: options.token },
      signal: controller.signal,
    })
      .then((response) => {
        markReady();
        if (!response.ok || !response.body) return;
        return readEventStream(response.body, (data) => {
          const message = JSON.parse(data) as ProgressMessage;
          for (const listener of listeners) listener(message);
        });
      })
      .catch(() => markReady())
      .finally(() => {
        // Progress is a courtesy: if the stream drops, calls still finish; reopen for the next listener.
        if (stream?.controller === controller) stream = null;
      });
  }

  const uploading = new Map<string, AbortController>();

  /**
   * Files' bytes in a call (`{ name, data }`) go first, each as its own upload streamed to disk by the
   * bridge, and the call names them by upload id: nothing large travels inside a call's JSON.
   */
  async function uploadFiles(name: MethodName, request: CallRequest): Promise<CallRequest | Envelope> {
    const purpose = UPLOAD_PURPOSE[name];
    const input = request.input as { files?: unknown[]; file?: unknown } | undefined;
    if (!purpose || !input) return request;
    const isBytes = (f: unknown): f is { name: string; data: Uint8Array } =>
      typeof f === 'object' && f !== null && (f as { data?: unknown }).data instanceof Uint8Array;
    const controller = new AbortController();
    if (request.operationId) uploading.set(request.operationId, controller);
    try {
      const send = async (file: unknown) => {
        if (!isBytes(file)) return file;
        const answer = await sendFile(
          {
            url: `${base}${BRIDGE_UPLOAD_PATH}?for=${purpose}`,
            token: options.token,
            name: file.name,
            data: file.data,
            signal: controller.signal,
            onProgress: (sent, total) => {
              if (!request.operationId) return;
              const percent = Math.floor((100 * sent) / Math.max(1, total));
              const message: ProgressMessage = {
                operationId: request.operationId,
                progress: { message: `Sending ${file.name} (${percent}%)`, done: sent, total },
              };
              for (const listener of listeners) listener(message);
            },
          },
          doFetch,
        );
        if (!answer.ok) throw new UploadRefused(answer.error);
        return { name: file.name, upload: answer.id };
      };
      const rewritten: Record<string, unknown> = { ...input };
      if (Array.isArray(input.files)) {
        const files: unknown[] = [];
        for (const file of input.files) files.push(await send(file));
        rewritten.files = files;
      }
      if ('file' in input) rewritten.file = await send(input.file);
      return { ...request, input: rewritten };
    } catch (error) {
      if (error instanceof UploadRefused) return { ok: false, error: error.refusal };
      if (isApiErrorShape(error)) return { ok: false, error };
      return { ok: false, error: UNREACHABLE };
    } finally {
      if (request.operationId) uploading.delete(request.operationId);
    }
  }

  const methods = Object.fromEntries(
    METHOD_NAMES.map((name) => [
      name,
      async (original: CallRequest): Promise<unknown> => {
        // A progress listener is registered before the call; wait until its stream is open.
        if (original.operationId && stream) await stream.ready;
        const prepared = await uploadFiles(name, original);
        if ('ok' in prepared) return prepared;
        const request = prepared;
        let response: Response;
        try {
          response = await doFetch(`${base}${BRIDGE_CALL_PATH}${encodeURIComponent(name)}`, {
            method: 'POST',
            headers,
            body: encodeWire(request),
          });
        } catch {
          return { ok: false, error: UNREACHABLE } satisfies Envelope;
        }
        try {
          return decodeWire(await response.text());
        } catch {
          return { ok: false, error: UNREACHABLE } satisfies Envelope;
        }
      },
    ]),
  );

  return {
    methods,
    onProgress(listener) {
      listeners.add(listener);
      if (!stream) openStream();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && stream) {
          stream.controller.abort();
          stream = null;
        }
      };
    },
    cancel(operationId) {
      uploading.get(operationId)?.abort();
      void doFetch(`${base}${BRIDGE_CANCEL_PATH}`, {
        method: 'POST',
        headers,
        body: encodeWire({ operationId }),
      }).catch(() => {});
    },
    fileUrl(file, fileOptions = {}) {
      const query = new URLSearchParams({ [BRIDGE_TOKEN_QUERY]: options.token });
      if (fileOptions.download) query.set('download', '1');
      return `${base}${BRIDGE_FILES_PATH}${hostFilePath(file)}?${query}`;
    },
  };
}

const TOKEN_STORAGE_KEY = 'send-bundle-token';

/** In a browser tab: the token comes in the address once; keep it for reloads of this tab only. */
function bridgeHostFromLocation(): Host {
  const params = new URLSearchParams(window.location.search);
  const fromUrl = params.get(BRIDGE_TOKEN_QUERY);
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    // Take the token out of the address bar so it is not shown, bookmarked or copied by accident.
    params.delete(BRIDGE_TOKEN_QUERY);
    const rest = params.toString();
    window.history.replaceState(
      null,
      '',
      `${window.location.pathname}${rest ? `?${rest}` : ''}${window.location.hash}`,
    );
  }
  const token = fromUrl ?? sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? '';
  return createBridgeHost({ baseUrl: window.location.origin, token });
}

let currentHost: Host | null = null;

/**
 * Whether this page can reach the app at all: the desktop app always can; a browser tab needs the token
 * from the address the app printed (kept for this tab once read).
 */
export function hasHostAccess(): boolean {
  if (currentHost || window.api) return true;
  return (
    new URLSearchParams(window.location.search).has(BRIDGE_TOKEN_QUERY) ||
    Boolean(sessionStorage.getItem(TOKEN_STORAGE_KEY))
  );
}

function getHost(): Host {
  currentHost ??= window.api ?? bridgeHostFromLocation();
  return currentHost;
}

/** For tests: use this host instead of window.api or the bridge. */
export function setHost(host: Host | null): void {
  currentHost = host;
}

let operationCounter = 0;
function newOperationId(): string {
  operationCounter += 1;
  const random = Math.random().toString(36).slice(2, 10);
  return `op-${Date.now().toString(36)}-${operationCounter}-${random}`;
}

export interface CallOptions {
  onProgress?: (progress: ProgressEvent) => void;
  signal?: AbortSignal;
}

function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; error?: unknown };
  return v.ok === true || (v.ok === false && isApiErrorShape(v.error));
}

/** Calls one contract method. Failures throw ApiError, whose message is written for the user. */
export async function call<M extends MethodName>(
  name: M,
  input: InputOf<M>,
  options: CallOptions = {},
): Promise<OutputOf<M>> {
  const host = getHost();
  const method = host.methods[name];
  if (!method) throw new ApiError('unknown-method', 'This version of the app cannot do that yet.');
  if (options.signal?.aborted) throw new ApiError('cancelled', 'Stopped.');

  const long = contract[name].progress === true;
  const operationId = long ? newOperationId() : undefined;
  const unsubscribe =
    operationId && options.onProgress
      ? host.onProgress((message) => {
          if (message.operationId === operationId) options.onProgress?.(message.progress);
        })
      : undefined;
  const abort = () => {
    if (operationId) host.cancel(operationId);
  };
  options.signal?.addEventListener('abort', abort);
  try {
    const result = await method({ input, operationId });
    if (!isEnvelope(result)) throw new ApiError(UNREACHABLE.code, UNREACHABLE.message);
    if (!result.ok) throw new ApiError(result.error.code, result.error.message, result.error.details);
    return result.value as OutputOf<M>;
  } finally {
    options.signal?.removeEventListener('abort', abort);
    unsubscribe?.();
  }
}

/** Whether this build of the app has a method (screens for later features check this). */
export function hasMethod(name: string): name is MethodName {
  return (METHOD_NAMES as string[]).includes(name);
}

/** An address for a stored document, a built bundle or a letter; `download` asks the host to save it. */
export function fileUrl(file: HostFile, options?: { download?: boolean }): string {
  return getHost().fileUrl(file, options);
}

/** The user-facing message of anything thrown by `call`. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something went wrong. Your saved work is safe. Please try again.';
}
