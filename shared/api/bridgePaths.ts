/**
 * The browser bridge's HTTP surface, named once for both ends (electron/bridge/server.ts and the
 * renderer's api.ts). The bridge is the preload's twin: one POST per contract method, one stream of
 * progress events, one cancel call, and file URLs for the host files in `hostFiles.ts`.
 */
/** Every API request carries the session token in this header (file URLs carry it as `?token=`). */
export const BRIDGE_TOKEN_HEADER = 'x-send-bundle-token';
export const BRIDGE_TOKEN_QUERY = 'token';

/** POST `${BRIDGE_CALL_PATH}<method name>` with the wire-encoded `{ input, operationId? }`. */
export const BRIDGE_CALL_PATH = '/api/call/';
/** GET: server-sent events, one `data:` line per `{ operationId, progress }`. */
export const BRIDGE_EVENTS_PATH = '/api/events';
/** POST `{ operationId }`. */
export const BRIDGE_CANCEL_PATH = '/api/cancel';
/** GET `${BRIDGE_FILES_PATH}<hostFilePath>?token=…[&download=1]`. */
export const BRIDGE_FILES_PATH = '/files/';
/**
 * POST a file's bytes as the raw body (never JSON or base64), with its name URI-encoded in
 * BRIDGE_FILE_NAME_HEADER and `?for=import|check|archive`; the answer is `{ upload: id }`. A call then
 * names the file as `{ name, upload: id }` where the contract has `{ name, data }`, and the bridge hands
 * the service the file it wrote. The bridge never takes a path on the server from the browser.
 */
export const BRIDGE_UPLOAD_PATH = '/api/upload';
export const BRIDGE_FILE_NAME_HEADER = 'x-send-bundle-file-name';
export type UploadPurpose = 'import' | 'check' | 'archive';
