/**
 * Which IPC messages the main process answers: only those from our window's top frame while it shows
 * the app's own page. A frame inside the page, another window, or a page that somehow navigated away
 * gets a 'refused' envelope (electron/ipc/register.ts).
 */
import type { IpcEventLike } from '../ipc/register';
import { isAppUrl } from './navigation';

export function createSenderCheck(
  getWindowContentsId: () => number | null,
): (event: IpcEventLike) => boolean {
  return (event) => {
    const expected = getWindowContentsId();
    if (expected === null || event.sender?.id !== expected) return false;
    const frame = event.senderFrame;
    if (!frame || typeof frame.url !== 'string') return false;
    if (frame.parent !== undefined && frame.parent !== null) return false;
    if (!isAppUrl(frame.url)) return false;
    const { pathname } = new URL(frame.url);
    return pathname === '/' || pathname === '/index.html';
  };
}
