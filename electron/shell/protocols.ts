/**
 * The `app://app/` protocol: the Electron transport for what the host layer serves (electron/host/serve.ts:
 * the built renderer, stored documents for the preview, built bundles, saved letters). Written as a plain
 * Request → Response function so it is tested in Node without Electron; main.ts hands it to
 * `protocol.handle`.
 *
 *   app://app/index.html, /assets/…     files under dist/renderer, nothing outside it
 *   app://app/files/document/<sha256>   a document in the store, only by a content hash the app knows
 *   app://app/files/bundle/<id>, /files/letter/<id>/<pdf|docx>
 *                                      resolved by id through the services, never from a path in the URL
 *
 * Files share the page's origin, so the CSP's `'self'` covers the preview and no CORS is needed.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { SECURITY_HEADERS } from '../host/csp';
import { answerGet, type Reply, type Site } from '../host/serve';
import { APP_HOST, APP_SCHEME } from './windowOptions';

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

const notFound = () =>
  new Response('Not found.', {
    status: 404,
    headers: { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' },
  });

function toResponse(reply: Reply, method: string): Response {
  const body =
    'text' in reply
      ? reply.text
      : method === 'HEAD'
        ? null
        : (Readable.toWeb(createReadStream(reply.file.path)) as unknown as ReadableStream);
  return new Response(body, { status: reply.status, headers: reply.headers });
}

export function createAppProtocolHandler(site: Site): (request: Request) => Promise<Response> {
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
    const rawPath = request.url.slice(`${APP_SCHEME}://${APP_HOST}`.length);
    return toResponse(answerGet(site, { method, rawPath, url }), method);
  };
}
