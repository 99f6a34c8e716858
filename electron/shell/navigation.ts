/**
 * What happens when the page tries to go somewhere: the window never leaves the app, never opens a new
 * window, and outside help pages open in the system browser only if they are on the allow-list.
 */
import type { HostFile } from '../../shared/api/hostFiles';
import { hostFileFromPath } from '../host/files';
import { APP_HOST, APP_SCHEME } from './windowOptions';

/**
 * Sites the app links to for help (official guidance and the charities that support SEND appeals).
 * https only, exact host names: a look-alike host or another scheme is refused.
 */
export const TRUSTED_HELP_HOSTS = [
  'www.gov.uk',
  'www.legislation.gov.uk',
  'www.judiciary.uk',
  'www.ipsea.org.uk',
  'www.sossen.org.uk',
  'councilfordisabledchildren.org.uk',
] as const;

/** The help pages the app's own menu opens. */
export const HELP_LINKS = {
  tribunalGuidance:
    'https://www.gov.uk/courts-tribunals/first-tier-tribunal-special-educational-needs-and-disability',
  appealGuide: 'https://www.gov.uk/special-educational-needs-disability-tribunal',
  ipsea: 'https://www.ipsea.org.uk/',
} as const;

export function isTrustedHelpUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' &&
    url.username === '' &&
    url.password === '' &&
    url.port === '' &&
    (TRUSTED_HELP_HOSTS as readonly string[]).includes(url.hostname)
  );
}

export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

export type NavigationDecision =
  /** Let the navigation happen (only the app's own page reloading itself). */
  | { action: 'allow' }
  | { action: 'deny' }
  /** Open in the system browser (after the allow-list check). */
  | { action: 'open-external'; url: string }
  /** A bundle or letter link: open it in the system's PDF/Word app, or save it. */
  | { action: 'open-file'; file: HostFile; download: boolean };

/**
 * `navigate`: the window itself is about to load `url` (will-navigate, will-redirect).
 * `new-window`: the page asked for a new window (window.open, target=_blank): never granted.
 */
export function decideNavigation(raw: string, kind: 'navigate' | 'new-window'): NavigationDecision {
  if (isTrustedHelpUrl(raw)) return { action: 'open-external', url: new URL(raw).toString() };
  if (!isAppUrl(raw)) return { action: 'deny' };
  const url = new URL(raw);
  const file = hostFileFromPath(url.pathname);
  if (file) return { action: 'open-file', file, download: url.searchParams.get('download') === '1' };
  if (kind === 'navigate' && (url.pathname === '/' || url.pathname === '/index.html'))
    return { action: 'allow' };
  return { action: 'deny' };
}

/** Downloads are allowed only for the app's own files (the Save dialog for a bundle or letter). */
export function isAllowedDownload(raw: string): boolean {
  if (!isAppUrl(raw)) return false;
  return hostFileFromPath(new URL(raw).pathname) !== null;
}

export { MENU_ROUTE } from './channels';

/** The case shown in the window, from its URL (`app://app/index.html#/case/3/evidence`). */
export function caseIdFromUrl(raw: string): number | null {
  try {
    const match = /^#\/case\/([1-9][0-9]{0,9})(?:\/|$)/.exec(new URL(raw).hash);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}
