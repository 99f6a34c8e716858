/**
 * The app never goes online: the window's session cancels every request to these schemes (the CSP
 * already allows only the app's own origin; this is the second lock on the same door).
 */
export const BLOCKED_REQUEST_URLS = [
  'http://*/*',
  'https://*/*',
  'ws://*/*',
  'wss://*/*',
  'ftp://*/*',
  'file://*/*',
] as const;
