/**
 * What both hosts answer to a GET: the built renderer's files, and host files (stored documents, built
 * bundles, saved letters) by content hash or id. Transport-free: the app:// protocol turns a reply into a
 * Response, the browser bridge writes it to its HTTP response; each adds only its own checks (the
 * protocol's scheme and host, the bridge's token).
 */
import { statSync } from 'node:fs';
import type { HostFile } from '../../shared/api/hostFiles';
import { SECURITY_HEADERS } from './csp';
import { contentDisposition, FILES_PREFIX, hostFileFromPath, type ResolvedHostFile } from './files';
import { contentTypeFor, rendererFileFor } from './static';

export interface Site {
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** Host file → file on disk, or null when the app does not know it (electron/host/files.ts). */
  resolveFile: (file: HostFile) => ResolvedHostFile | null;
}

interface GetRequest {
  method: string;
  /** The path as the request wrote it, before URL parsing folded any `..`. */
  rawPath: string;
  url: URL;
}

/** A reply: a file to send (its bytes are left out for HEAD) or a short text. */
export type Reply = { status: number; headers: Record<string, string> } & (
  { file: { path: string; size: number } } | { text: string }
);

function text(status: number, body: string, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { ...SECURITY_HEADERS, ...headers, 'content-type': 'text/plain; charset=utf-8' },
    text: body,
  };
}

const notFound = () => text(404, 'Not found.');

/** Answers a GET or HEAD for the renderer or a host file; anything else is refused. */
export function answerGet(site: Site, request: GetRequest): Reply {
  const method = request.method.toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') return text(405, 'Not allowed.', { allow: 'GET, HEAD' });
  // URL parsing has already folded plain `..`: check the path as written too.
  const rawPath = request.rawPath.split(/[?#]/)[0];
  if (/(^|\/)(\.|%2e){1,2}(\/|$)/i.test(rawPath) || /%2f|%5c|\\/i.test(rawPath)) return notFound();
  const { pathname, searchParams } = request.url;

  if (pathname.startsWith(FILES_PREFIX)) {
    const file = hostFileFromPath(pathname);
    const resolved = file ? site.resolveFile(file) : null;
    if (!resolved) return text(404, 'That file is not in this case any more.');
    return {
      status: 200,
      headers: {
        ...SECURITY_HEADERS,
        'content-type': resolved.contentType,
        'content-length': String(resolved.size),
        'content-disposition': contentDisposition(resolved, searchParams.get('download') === '1'),
        'cache-control': 'no-store',
        // pdf.js asks for ranges only when told it may; the whole file is simpler and always correct.
        'accept-ranges': 'none',
      },
      file: { path: resolved.path, size: resolved.size },
    };
  }

  const path = rendererFileFor(site.rendererDir, pathname);
  if (!path) {
    const missingApp = pathname === '/' || pathname === '/index.html';
    return missingApp
      ? text(404, 'The app has not been built yet. Run "npm run build:renderer".')
      : notFound();
  }
  const size = statSync(path).size;
  const type = contentTypeFor(path);
  return {
    status: 200,
    headers: {
      ...SECURITY_HEADERS,
      'content-type': type,
      'content-length': String(size),
      // index.html names the hashed assets; it must never be stale.
      'cache-control': type.startsWith('text/html') ? 'no-store' : 'public, max-age=3600',
    },
    file: { path, size },
  };
}
