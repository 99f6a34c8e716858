/**
 * The browser bridge: the preload's twin for running the renderer in an ordinary browser (tests, and
 * machines where Electron cannot run). It serves the built renderer and the same IPC router over HTTP on
 * 127.0.0.1, guarded by a random token, and adds no logic of its own: every call goes through
 * createRouter(createHandlers(createServices(ctx))), exactly as in Electron.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BRIDGE_CALL_PATH,
  BRIDGE_CANCEL_PATH,
  BRIDGE_EVENTS_PATH,
  BRIDGE_FILES_PATH,
  BRIDGE_TOKEN_HEADER,
  BRIDGE_TOKEN_QUERY,
} from '../../shared/api/bridgePaths';
import type { ProgressEvent } from '../../shared/api/contract';
import type { ApiErrorShape } from '../../shared/api/errors';
import { parseHostFilePath } from '../../shared/api/hostFiles';
import { decodeWire, encodeWire } from '../../shared/api/wire';
import { createHandlers } from '../ipc/handlers';
import { createRouter, type Envelope, type Handlers } from '../ipc/router';
import { createServices, type Services } from '../services';
import { closeServiceContext, openServiceContext } from '../services/context';
import { installPdfLibPatches } from '../services/pdf/pdfLibPatches';
import { CONTENT_SECURITY_POLICY } from './csp';
import { resolveHostFile } from './files';
import { serveStatic } from './static';

export const DEFAULT_STATIC_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'dist',
  'renderer',
);

export interface BridgeOptions {
  dataDir: string;
  /** 0 or absent: a random free port. */
  port?: number;
  /** The built renderer (vite's outDir). */
  staticDir?: string;
  /** Fixed token for tests; otherwise a random one. */
  token?: string;
  clock?: () => Date;
  maxImportBytes?: number;
  log?: (error: unknown) => void;
  /** Tests only: wrap the handler table (for example to make a call slow enough to cancel). */
  handlers?: (services: Services) => Handlers;
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

/** Headers on every response: the renderer's CSP, and nothing may frame, sniff or leak a referrer. */
const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
} as const;

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

function sameToken(given: string | null | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

class BodyTooLarge extends Error {}

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

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  installPdfLibPatches();
  const token = options.token ?? randomBytes(24).toString('base64url');
  const staticDir = resolve(options.staticDir ?? DEFAULT_STATIC_DIR);
  const ctx = openServiceContext(options.dataDir, {
    clock: options.clock,
    maxImportBytes: options.maxImportBytes,
  });
  const services = createServices(ctx);
  const log = options.log ?? ((error: unknown) => console.error(error));
  const router = createRouter((options.handlers ?? createHandlers)(services), log);
  // File bytes travel base64-encoded (4/3 larger) inside the JSON body.
  const bodyLimit = Math.ceil((ctx.maxImportBytes * 4) / 3) + 16 * 1024 * 1024;

  const running = new Map<string, AbortController>();
  const listeners = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  let origin = '';
  let allowedHosts = new Set<string>();

  function broadcast(operationId: string, progress: ProgressEvent): void {
    const line = `data: ${JSON.stringify({ operationId, progress })}\n\n`;
    for (const res of listeners) res.write(line);
  }

  async function handleCall(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    let request: { input?: unknown; operationId?: unknown };
    try {
      const decoded = decodeWire(await readBody(req, bodyLimit));
      request = typeof decoded === 'object' && decoded !== null ? decoded : {};
    } catch (error) {
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
    const operationId =
      typeof request.operationId === 'string' && request.operationId.length <= 100
        ? request.operationId
        : undefined;
    const controller = new AbortController();
    if (operationId) running.set(operationId, controller);
    // A closed tab or a dropped connection stops the work, as closing the window does in Electron.
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    try {
      const envelope = await router.call(name, request.input, {
        signal: controller.signal,
        onProgress: (progress) => {
          if (operationId) broadcast(operationId, progress);
        },
      });
      if (!res.destroyed) sendEnvelope(res, 200, envelope);
    } finally {
      if (operationId) running.delete(operationId);
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
    if (typeof operationId === 'string') running.get(operationId)?.abort();
    sendEnvelope(res, 200, {
      ok: true,
      value: { cancelled: typeof operationId === 'string' && running.has(operationId) },
    });
  }

  function handleFile(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const file = parseHostFilePath(decodeURIComponent(url.pathname.slice(BRIDGE_FILES_PATH.length)));
    const resolved = file ? resolveHostFile(services, file) : null;
    if (!resolved) {
      res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
      res.end('That file is not in this case any more.');
      return;
    }
    const disposition = url.searchParams.get('download') === '1' ? 'attachment' : 'inline';
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': resolved.contentType,
      'content-length': String(resolved.size),
      'content-disposition': `${disposition}; filename="${resolved.fileName}"`,
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(resolved.path).pipe(res);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS rebinding: a page on another name that resolves to 127.0.0.1 must not reach us.
    if (!allowedHosts.has(req.headers.host ?? '')) {
      res.writeHead(421, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
      res.end('Wrong address.');
      return;
    }
    const url = new URL(req.url ?? '/', origin);
    const path = url.pathname;

    if (path.startsWith('/api/')) {
      const requestOrigin = req.headers.origin;
      if (requestOrigin !== undefined && requestOrigin !== origin) {
        return refuse(res, 403, { code: 'refused', message: 'Only the app itself may use this.' });
      }
      const given = req.headers[BRIDGE_TOKEN_HEADER];
      if (!sameToken(Array.isArray(given) ? given[0] : given, token)) {
        return refuse(res, 401, {
          code: 'refused',
          message:
            'This page is not allowed to use the app. Open the address the app printed, with its token.',
        });
      }
      if (req.method === 'POST' && path.startsWith(BRIDGE_CALL_PATH)) {
        return handleCall(req, res, decodeURIComponent(path.slice(BRIDGE_CALL_PATH.length)));
      }
      if (req.method === 'GET' && path === BRIDGE_EVENTS_PATH) return handleEvents(req, res);
      if (req.method === 'POST' && path === BRIDGE_CANCEL_PATH) return handleCancel(req, res);
      return refuse(res, 404, {
        code: 'unknown-method',
        message: 'The app asked for something it does not have.',
      });
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...SECURITY_HEADERS, allow: 'GET, HEAD' });
      res.end();
      return;
    }
    if (path.startsWith(BRIDGE_FILES_PATH)) {
      if (!sameToken(url.searchParams.get(BRIDGE_TOKEN_QUERY), token)) {
        res.writeHead(401, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
        res.end('This address needs the token the app printed.');
        return;
      }
      return handleFile(req, res, url);
    }
    serveStatic(req, res, staticDir, path, SECURITY_HEADERS);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
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
    closeServiceContext(ctx);
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
      for (const controller of running.values()) controller.abort();
      for (const res of listeners) res.end();
      listeners.clear();
      await new Promise<void>((resolvePromise) => {
        server.close(() => resolvePromise());
        for (const socket of sockets) socket.destroy();
      });
      closeServiceContext(ctx);
    },
  };
}
