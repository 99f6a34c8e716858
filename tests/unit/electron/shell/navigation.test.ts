import { describe, expect, it } from 'vitest';
import {
  caseIdFromUrl,
  decideNavigation,
  HELP_LINKS,
  isAllowedDownload,
  isTrustedHelpUrl,
  MENU_ROUTE,
} from '../../../../electron/shell/navigation';
import { createSenderCheck } from '../../../../electron/shell/sender';

const SHA = 'ab'.repeat(32);

describe('trusted help links', () => {
  it('accepts https pages on the allow-listed hosts, including the menu’s own links', () => {
    for (const url of Object.values(HELP_LINKS)) expect(isTrustedHelpUrl(url), url).toBe(true);
    expect(isTrustedHelpUrl('https://www.legislation.gov.uk/uksi/2014/1530/contents')).toBe(true);
  });

  it('refuses look-alikes, other schemes, credentials and ports', () => {
    for (const url of [
      'http://www.gov.uk/',
      'https://gov.uk/',
      'https://www.gov.uk.evil.example/',
      'https://evil.example/www.gov.uk',
      'https://www.gov.uk@evil.example/',
      'https://user:pw@www.gov.uk/',
      'https://www.gov.uk:8443/',
      'https://xn--www-gov-uk.example/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'data:text/html,hi',
      'not a url',
      '',
    ])
      expect(isTrustedHelpUrl(url), url).toBe(false);
  });
});

describe('navigation decisions', () => {
  it('lets only the app page itself load in the window', () => {
    expect(decideNavigation('app://app/index.html', 'navigate')).toEqual({ action: 'allow' });
    expect(decideNavigation('app://app/', 'navigate')).toEqual({ action: 'allow' });
    expect(decideNavigation('app://app/index.html', 'new-window')).toEqual({ action: 'deny' });
    expect(decideNavigation('app://app/assets/x.js', 'navigate')).toEqual({ action: 'deny' });
    for (const url of [
      'https://evil.example/',
      'http://127.0.0.1:1234/',
      'file:///etc/passwd',
      'app://evil/index.html',
      'about:blank',
      'chrome://settings',
      'javascript:alert(1)',
    ])
      expect(decideNavigation(url, 'navigate'), url).toEqual({ action: 'deny' });
  });

  it('sends trusted help pages to the system browser, and opens or saves the app’s own files', () => {
    expect(decideNavigation(HELP_LINKS.ipsea, 'new-window')).toEqual({
      action: 'open-external',
      url: HELP_LINKS.ipsea,
    });
    expect(decideNavigation('app://app/files/bundle/3', 'new-window')).toEqual({
      action: 'open-file',
      file: { kind: 'bundle', id: 3 },
      download: false,
    });
    expect(decideNavigation(`app://app/files/document/${SHA}?download=1`, 'navigate')).toEqual({
      action: 'open-file',
      file: { kind: 'document', sha256: SHA },
      download: true,
    });
    expect(decideNavigation('app://app/files/document/../../cases.sqlite', 'navigate')).toEqual({
      action: 'deny',
    });
  });

  it('allows downloads of the app’s own files only', () => {
    expect(isAllowedDownload('app://app/files/letter/2/docx?download=1')).toBe(true);
    expect(isAllowedDownload('app://app/index.html')).toBe(false);
    expect(isAllowedDownload('https://www.gov.uk/file.pdf')).toBe(false);
    expect(isAllowedDownload('blob:app://app/123')).toBe(false);
  });

  it('reads the open case from the window address and checks menu routes', () => {
    expect(caseIdFromUrl('app://app/index.html#/case/12/evidence')).toBe(12);
    expect(caseIdFromUrl('app://app/index.html#/case/3')).toBe(3);
    expect(caseIdFromUrl('app://app/index.html#/new')).toBeNull();
    expect(caseIdFromUrl('garbage')).toBeNull();
    for (const route of ['#/', '#/new', '#/check', '#/case/3', '#/case/3/evidence'])
      expect(MENU_ROUTE.test(route), route).toBe(true);
    for (const route of [
      '#/case/0',
      'javascript:alert(1)',
      '#/case/3/../../x',
      'https://evil.example/#/new',
      '#/case/3/EVIDENCE',
    ])
      expect(MENU_ROUTE.test(route), route).toBe(false);
  });
});

describe('IPC sender check', () => {
  const check = createSenderCheck(() => 7);
  const event = (id: number, url: string, parent: unknown = null) => ({
    sender: { id, send() {} },
    senderFrame: { url, parent } as { url: string },
  });

  it('trusts only our window’s top frame showing the app page', () => {
    expect(check(event(7, 'app://app/index.html'))).toBe(true);
    expect(check(event(7, 'app://app/index.html#/case/1'))).toBe(true);
    expect(check(event(8, 'app://app/index.html'))).toBe(false);
    expect(check(event(7, 'app://app/index.html', { url: 'app://app/index.html' }))).toBe(false);
    expect(check(event(7, 'https://evil.example/'))).toBe(false);
    expect(check(event(7, 'app://evil/index.html'))).toBe(false);
    expect(check(event(7, 'app://app/files/bundle/1'))).toBe(false);
    expect(check(event(7, 'file:///index.html'))).toBe(false);
    expect(check({ sender: { id: 7, send() {} }, senderFrame: null })).toBe(false);
    expect(check({ sender: { id: 7, send() {} } })).toBe(false);
  });

  it('trusts nothing while there is no window', () => {
    expect(createSenderCheck(() => null)(event(7, 'app://app/index.html'))).toBe(false);
  });
});
