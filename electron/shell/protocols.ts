/**
 * The `app://app/` protocol: the built renderer, and the files the renderer may show (stored documents
 * for the preview, built bundles, saved letters). Written as a plain Request → Response function so it
 * is tested in Node without Electron; main.ts hands it to `protocol.handle`.
 *
 *   app://app/index.html, /assets/…     files under dist/renderer, nothing outside it
 *   app://app/files/document/<sha256>   a document in the store, only by a content hash the app knows
 *   app://app/files/bundle/<id>, /files/letter/<id>/<pdf|docx>
 *                                      resolved by id through the services, never from a path in the URL
 *
 * Files share the page's origin, so the CSP's `'self'` covers the preview and no CORS is needed.
 */
import { createReadStream, realpathSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { BRIDGE_FILES_PATH } from '../../shared/api/bridgePaths';
import { parseHostFilePath, type HostFile } from '../../shared/api/hostFiles';
import type { ResolvedHostFile } from '../bridge/files';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './window-options';

/** For `protocol.registerSchemesAsPrivileged`, before the app is ready. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: true,
    stream: true,
    codeCache: true,
    corsEnabled: false,
    bypassCSP: false,
    allowServiceWorkers: false,
  },
} as const;

/** The URL prefix of host files: the same path as the browser bridge uses. */
export const FILES_PREFIX = BRIDGE_FILES_PATH;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.pfb': 'application/octet-stream',
  '.bcmap': 'application/octet-stream',
  '.icc': 'application/octet-stream',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Sent with everything: no sniffing, no referrer, no framing by anything. */
const COMMON_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

function text(status: number, body: string): Response {
  return new Response(body, {
    status,
    headers: { ...COMMON_HEADERS, 'content-type': 'text/plain; charset=utf-8' },
  });
}

const notFound = () => text(404, 'Not found.');

/**
 * The file under `root` that a URL path names, or null. Each segment is decoded on its own and refused
 * if it is empty, `.` or `..`, or hides a separator (`%2f`, `%5c`, `\`), a drive (`:`) or a NUL; the
 * real path (after symlinks) must still be inside the real root.
 */
export function rendererFileFor(root: string, pathname: string): string | null {
  const raw = pathname === '/' || pathname === '' ? '/index.html' : pathname;
  if (!raw.startsWith('/')) return null;
  const segments: string[] = [];
  for (const encoded of raw.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return null;
    }
    if (segment === '' || segment === '.' || segment === '..') return null;
    if (/[/\\:\0]/.test(segment) || segment.trim() !== segment) return null;
    segments.push(segment);
  }
  if (segments.length === 0) return null;
  const path = join(root, ...segments);
  try {
    const realRoot = realpathSync(root);
    const real = realpathSync(path);
    const inside = relative(realRoot, real);
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
    return statSync(real).isFile() ? real : null;
  } catch {
    return null;
  }
}

function fileResponse(path: string, size: number, headers: Record<string, string>, method: string): Response {
  const body =
    method === 'HEAD' ? null : (Readable.toWeb(createReadStream(path)) as unknown as ReadableStream);
  return new Response(body, {
    status: 200,
    headers: { ...COMMON_HEADERS, ...headers, 'content-length': String(size) },
  });
}

/** `attachment` asks the page to save the file (Electron shows the Save dialog), `inline` to show it. */
function contentDisposition(file: ResolvedHostFile, download: boolean): string {
  const ascii = file.fileName.replace(/[^A-Za-z0-9 ._-]/g, '') || 'file';
  return `${download ? 'attachment' : 'inline'}; filename="${ascii}"`;
}

export interface AppProtocolDeps {
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** Host file → file on disk, or null when the app does not know it (electron/bridge/files.ts). */
  resolveFile: (file: HostFile) => ResolvedHostFile | null;
}

/** Parses a URL path under FILES_PREFIX into a host file; anything odd is null. */
export function hostFileFromPath(pathname: string): HostFile | null {
  if (!pathname.startsWith(FILES_PREFIX)) return null;
  const rest = pathname.slice(FILES_PREFIX.length);
  // Host file paths are plain ASCII: any escape (%2e, %2f, %5c) is refused rather than decoded.
  if (!/^[A-Za-z0-9/]+$/.test(rest)) return null;
  return parseHostFilePath(rest);
}

export function createAppProtocolHandler(deps: AppProtocolDeps): (request: Request) => Promise<Response> {
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return notFound();
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password)
      return notFound();
    const method = request.method.toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') return text(405, 'Not allowed.');

    // WHATWG parsing has already folded plain `..`; check the path as written too, in case the caller
    // passes a URL it built itself.
    const rawPath = request.url.slice(`${APP_SCHEME}://${APP_HOST}`.length).split(/[?#]/)[0];
    if (/(^|\/)(\.|%2e){1,2}(\/|$)/i.test(rawPath) || /%2f|%5c|\\/i.test(rawPath)) return notFound();

    if (url.pathname.startsWith(FILES_PREFIX)) {
      const file = hostFileFromPath(url.pathname);
      if (!file) return notFound();
      const resolved = deps.resolveFile(file);
      if (!resolved) return notFound();
      const download = url.searchParams.get('download') === '1';
      return fileResponse(
        resolved.path,
        resolved.size,
        {
          'content-type': resolved.contentType,
          'content-disposition': contentDisposition(resolved, download),
          'cache-control': 'no-store',
          // pdf.js asks for ranges only when told it may; the whole file is simpler and always correct.
          'accept-ranges': 'none',
        },
        method,
      );
    }

    const path = rendererFileFor(deps.rendererDir, url.pathname);
    if (!path) return notFound();
    const type = CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
    const isHtml = type.startsWith('text/html');
    return fileResponse(
      path,
      statSync(path).size,
      {
        'content-type': type,
        'cache-control': isHtml ? 'no-store' : 'public, max-age=3600',
        ...(isHtml ? { 'content-security-policy': CONTENT_SECURITY_POLICY } : {}),
      },
      method,
    );
  };
}
