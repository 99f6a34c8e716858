/**
 * The browser bridge: the preload's twin for running the renderer in an ordinary browser (tests, and
 * machines where Electron cannot run). HTTP only: on 127.0.0.1, guarded by a random token, it carries the
 * host layer (electron/host/: the same router, operations and files as the Electron shell) and adds no
 * logic of its own.
 *
 *   POST /api/call/<method>   one contract call, body and answer wire-encoded (shared/api/wire.ts)
 *   GET  /api/events          progress of running operations (server-sent events)
 *   POST /api/cancel          stop an operation
 *   GET  /files/…, /…         host files and the built renderer (electron/host/serve.ts)
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
import type { ApiErrorShape } from '../../shared/api/errors';
import type { Envelope, ProgressMessage } from '../../shared/api/host';
import { decodeWire, encodeWire } from '../../shared/api/wire';
import { SECURITY_HEADERS } from '../host/csp';
import { resolveHostFile } from '../host/files';
import { openHost, type HostOptions } from '../host/open';
import { answerGet, type Reply } from '../host/serve';
import type { Services } from '../services';

export const DEFAULT_STATIC_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'dist',
  'renderer',
);

export interface BridgeOptions extends HostOptions {
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
  // File bytes travel base64-encoded (4/3 larger) inside the JSON body.
  const bodyLimit = Math.ceil((ctx.maxImportBytes * 4) / 3) + 16 * 1024 * 1024;

  const listeners = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  let origin = '';
  let allowedHosts = new Set<string>();

  /** Progress goes to every open event stream; the client picks its own operation's. */
  function broadcast(message: ProgressMessage): void {
    const line = `data: ${JSON.stringify(message)}\n\n`;
    for (const res of listeners) res.write(line);
  }

  async function handleCall(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    let request: unknown;
    try {
      request = decodeWire(await readBody(req, bodyLimit));
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
    // A closed tab or a dropped connection stops the work, as closing the window does in Electron.
    const dropped = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) dropped.abort();
    });
    const envelope = await operations.call(decodeURIComponent(name), request, {
      emit: broadcast,
      signal: dropped.signal,
    });
    if (!res.destroyed) sendEnvelope(res, 200, envelope);
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
