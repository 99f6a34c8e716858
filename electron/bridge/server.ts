/**
 * The browser bridge: the preload's twin for running the renderer in an ordinary browser (tests, and
 * machines where Electron cannot run). HTTP only: on 127.0.0.1, guarded by a random token, it carries the
 * host layer (electron/host/: the same router, operations and files as the Electron shell) and adds no
 * logic of its own.
 *
 *   POST /api/call/<method>   one contract call, body and answer wire-encoded (shared/api/wire.ts)
 *   GET  /api/events          progress of running operations (server-sent events)
 *   POST /api/cancel          stop an operation
 *   POST /api/upload          a file's bytes, streamed to disk; calls then name it by its upload id
 *   GET  /files/…, /…         host files and the built renderer (electron/host/serve.ts)
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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
} from '../../shared/api/bridgePaths';
import { LIMITS, tooLargeMessage } from '../../shared/limits';
import type { ApiErrorShape } from '../../shared/api/errors';
import type { Envelope, ProgressMessage } from '../../shared/api/host';
import { decodeWire, encodeWire } from '../../shared/api/wire';
import { SECURITY_HEADERS } from '../host/csp';
import { resolveHostFile } from '../host/files';
import { openHost, type HostOptions } from '../host/open';
import { answerGet, type Reply } from '../host/serve';
import type { Services } from '../services';

const DEFAULT_STATIC_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'renderer');

interface BridgeOptions extends HostOptions {
  dataDir: string;
  /** 0 or absent: a random free port. */
  port?: number;
  /** The built renderer (vite's outDir). */
  staticDir?: string;
  /** Fixed token for tests; otherwise a random one. */
  token?: string;
}

export interface Bridge {
  /** Open this in a browser: the origin plus the token. */
  url: string;
  origin: string;
  port: number;
  token: string;
  services: Services;
  close(): Promise<void>;
}

function sendEnvelope(res: ServerResponse, status: number, envelope: Envelope): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(encodeWire(envelope));
}

function refuse(res: ServerResponse, status: number, error: ApiErrorShape): void {
  sendEnvelope(res, status, { ok: false, error });
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/** Writes a host reply (electron/host/serve.ts) as the HTTP response. */
function sendReply(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, reply.headers);
  if (req.method === 'HEAD') res.end();
  else if ('file' in reply) createReadStream(reply.file.path).pipe(res);
  else res.end(reply.text);
}

function sameToken(given: string | null | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

class BodyTooLarge extends Error {}

/** A request the bridge will not pass on: answered with `status` and the message. */
class BadRequest extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const UPLOAD_ID = /^[0-9a-f]{32}$/;

/**
 * Replaces each `{ name, upload }` in a call's files with the file the upload wrote, and refuses a path
 * on this computer: the browser sends file bytes only (Electron passes paths from its own dialogs).
 */
function resolveUploads(request: unknown, uploadPath: (id: string) => string): string[] {
  const input = (request as { input?: Record<string, unknown> } | null)?.input;
  if (!input || typeof input !== 'object') return [];
  const used: string[] = [];
  const rewrite = (file: unknown): unknown => {
    if (!file || typeof file !== 'object') return file;
    const f = file as { name?: unknown; path?: unknown; upload?: unknown };
    if ('path' in f)
      throw new BadRequest(
        400,
        'The browser version sends files themselves, never a place on this computer.',
      );
    if (!('upload' in f)) return file;
    if (typeof f.upload !== 'string' || !UPLOAD_ID.test(f.upload) || !existsSync(uploadPath(f.upload)))
      throw new BadRequest(400, 'That file was not received. Add it again.');
    used.push(uploadPath(f.upload));
    return { name: f.name, path: uploadPath(f.upload) };
  };
  if (Array.isArray(input.files)) input.files = input.files.map(rewrite);
  if ('file' in input) input.file = rewrite(input.file);
  return used;
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.destroy();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolvePromise(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** An API route: answered only for requests from the app's own origin that carry the token. */
interface ApiRoute {
  method: 'GET' | 'POST';
  /** The exact path, or a prefix ending in `/` whose rest is passed on (the method name of a call). */
  path: string;
  handle(req: IncomingMessage, res: ServerResponse, rest: string): void | Promise<void>;
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const staticDir = resolve(options.staticDir ?? DEFAULT_STATIC_DIR);
  const log = options.log ?? ((error: unknown) => console.error(error));
  const host = openHost(options.dataDir, { ...options, log });
  const { ctx, services, operations } = host;
  const site = { rendererDir: staticDir, resolveFile: resolveHostFile.bind(null, services) };
  // Calls are small: files come through /api/upload, streamed to disk. A file's bytes inside a call
  // (the contract's `data`) are still read, up to this much.
  const bodyLimit = 32 * 1024 * 1024;

  const listeners = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  let origin = '';
  let allowedHosts = new Set<string>();

  /** Progress goes to every open event stream; the client picks its own operation's. */
  function broadcast(message: ProgressMessage): void {
    const line = `data: ${JSON.stringify(message)}\n\n`;
    for (const res of listeners) res.write(line);
  }

  const uploadPath = (id: string) => join(ctx.store.tmpDir, `upload-${id}`);

  /** Streams the body to the store's scratch folder, stopping at the limit for its purpose. */
  function handleUpload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const purpose = (url.searchParams.get('for') ?? 'import') as UploadPurpose;
    const limit = purpose === 'import' ? ctx.maxImportBytes : LIMITS.uploadBytes;
    let name = 'The file';
    try {
      name = decodeURIComponent(String(req.headers[BRIDGE_FILE_NAME_HEADER] ?? 'The file')).slice(0, 500);
    } catch {
      // A name that is not encoded properly: the message says "The file".
    }
    const tooLarge = (size: number) => {
      res.setHeader('connection', 'close');
      refuse(res, 413, { code: 'refused', message: tooLargeMessage(name, size, limit) });
      req.resume(); // read and drop the rest, so the browser sees the answer rather than a reset
    };
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      tooLarge(declared);
      return Promise.resolve();
    }
    const id = randomBytes(16).toString('hex');
    const path = uploadPath(id);
    return new Promise<void>((resolvePromise) => {
      const out = createWriteStream(path);
      let size = 0;
      let done = false;
      const fail = (answer: () => void) => {
        if (done) return;
        done = true;
        req.unpipe(out);
        out.destroy();
        rmSync(path, { force: true });
        answer();
        resolvePromise();
      };
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) fail(() => tooLarge(size));
      });
      // Stop pressed, tab closed, connection dropped: nothing of the file is kept.
      req.on('aborted', () => fail(() => res.destroy()));
      req.on('error', () => fail(() => res.destroy()));
      out.on('error', (error) =>
        fail(() =>
          refuse(res, 507, {
            code: 'refused',
            message:
              (error as NodeJS.ErrnoException).code === 'ENOSPC'
                ? 'The disk is full, so the file could not be received. Free some space, then try again.'
                : 'The file could not be received. Try again.',
          }),
        ),
      );
      out.on('finish', () => {
        if (done) return;
        done = true;
        sendEnvelope(res, 200, { ok: true, value: { upload: id } });
        resolvePromise();
      });
      req.pipe(out);
    });
  }

  async function handleCall(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    let request: unknown;
    let uploads: string[];
    try {
      request = decodeWire(await readBody(req, bodyLimit));
      uploads = resolveUploads(request, uploadPath);
    } catch (error) {
      if (error instanceof BadRequest)
        return refuse(res, error.status, { code: 'invalid-input', message: error.message });
      if (error instanceof BodyTooLarge) {
        const mb = Math.round(ctx.maxImportBytes / (1024 * 1024));
        return refuse(res, 413, {
          code: 'refused',
          message: `That is too much to send at once. The largest file the app takes is ${mb} MB.`,
        });
      }
      return refuse(res, 400, {
        code: 'invalid-input',
        message: 'The app sent a message it could not read.',
      });
    }
    // A closed tab or a dropped connection stops the work, as closing the window does in Electron.
    const dropped = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) dropped.abort();
    });
    try {
      const envelope = await operations.call(decodeURIComponent(name), request, {
        emit: broadcast,
        signal: dropped.signal,
      });
      if (!res.destroyed) sendEnvelope(res, 200, envelope);
    } finally {
      // Each upload serves one call; what the call kept, it copied into the store.
      for (const path of uploads) rmSync(path, { force: true });
    }
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    // The first comment tells the client the stream is open, so it can start a call without missing events.
    res.write(': open\n\n');
    listeners.add(res);
    const heartbeat = setInterval(() => res.write(': still here\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(heartbeat);
      listeners.delete(res);
    });
  }

  async function handleCancel(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let operationId: unknown;
    try {
      operationId = (decodeWire(await readBody(req, 10_000)) as { operationId?: unknown } | null)
        ?.operationId;
    } catch {
      operationId = undefined;
    }
    sendEnvelope(res, 200, { ok: true, value: { cancelled: operations.cancel(operationId) } });
  }

  const apiRoutes: ApiRoute[] = [
    { method: 'POST', path: BRIDGE_CALL_PATH, handle: handleCall },
    { method: 'GET', path: BRIDGE_EVENTS_PATH, handle: handleEvents },
    { method: 'POST', path: BRIDGE_CANCEL_PATH, handle: handleCancel },
    {
      method: 'POST',
      path: BRIDGE_UPLOAD_PATH,
      handle: (req, res) => handleUpload(req, res, new URL(req.url ?? '/', origin)),
    },
  ];

  async function handleApi(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin) {
      return refuse(res, 403, { code: 'refused', message: 'Only the app itself may use this.' });
    }
    const given = req.headers[BRIDGE_TOKEN_HEADER];
    if (!sameToken(Array.isArray(given) ? given[0] : given, token)) {
      return refuse(res, 401, {
        code: 'refused',
        message: 'This page is not allowed to use the app. Open the address the app printed, with its token.',
      });
    }
    for (const route of apiRoutes) {
      if (req.method !== route.method) continue;
      if (route.path.endsWith('/') ? path.startsWith(route.path) : path === route.path) {
        return route.handle(req, res, path.slice(route.path.length));
      }
    }
    return refuse(res, 404, {
      code: 'unknown-method',
      message: 'The app asked for something it does not have.',
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS rebinding: a page on another name that resolves to 127.0.0.1 must not reach us.
    if (!allowedHosts.has(req.headers.host ?? '')) return sendText(res, 421, 'Wrong address.');
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url.pathname);
    // Host files are loaded by the browser itself (pdf.js, links), so their token is in the query.
    if (
      url.pathname.startsWith(BRIDGE_FILES_PATH) &&
      !sameToken(url.searchParams.get(BRIDGE_TOKEN_QUERY), token)
    ) {
      return sendText(res, 401, 'This address needs the token the app printed.');
    }
    sendReply(req, res, answerGet(site, { method: req.method ?? 'GET', rawPath: req.url ?? '/', url }));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A malformed percent-escape in an address is the sender's mistake, not the app's.
      if (error instanceof URIError && !res.headersSent)
        return sendText(res, 400, 'That address is not written correctly.');
      log(error);
      if (!res.headersSent) {
        refuse(res, 500, {
          code: 'internal',
          message: 'Something went wrong inside the app. Your saved work is safe. Please try again.',
        });
      } else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  try {
    await new Promise<void>((resolvePromise, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolvePromise());
    });
  } catch (error) {
    host.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  return {
    url: `${origin}/?${BRIDGE_TOKEN_QUERY}=${token}`,
    origin,
    port,
    token,
    services,
    async close() {
      operations.cancelAll();
      for (const res of listeners) res.end();
      listeners.clear();
      await new Promise<void>((resolvePromise) => {
        server.close(() => resolvePromise());
        for (const socket of sockets) socket.destroy();
      });
      host.close();
    },
  };
}
