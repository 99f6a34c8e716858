/**
 * The built renderer's files, for both hosts: which file a URL path names (never one outside the
 * renderer's folder) and its content type.
 */
import { realpathSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, relative } from 'node:path';

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

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The real path (after symlinks) of the file at `path`, when it is a file inside the real `root`;
 * otherwise null. The one containment check of both hosts.
 */
export function realFileInside(root: string, path: string): string | null {
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
  return realFileInside(root, join(root, ...segments));
}
