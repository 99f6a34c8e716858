/** A web page saved from a browser as HTML, read for import (electron/services/documents/webPage.ts). */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeHtml, readHtmlPage, readWebArchive } from '../../../../../electron/services/documents/webPage';
import { REPO_ROOT } from '../../../../helpers/repo';

const page = (head: string, body: string) =>
  `<!DOCTYPE html>\n<html><head>${head}</head><body>${body}</body></html>`;

describe('decodeHtml', () => {
  it('reads the page in the character set its byte order mark or its meta element names', () => {
    const text = 'Fees: £0 – “no charge”, Zoë';
    const windows1252 = Buffer.from([
      ...Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>Fees: '),
      0xa3,
      ...Buffer.from('0 '),
      0x96,
      ...Buffer.from(' '),
      0x93,
      ...Buffer.from('no charge'),
      0x94,
      ...Buffer.from(', Zo'),
      0xeb,
    ]);
    expect(decodeHtml(windows1252)).toContain(text);
    expect(decodeHtml(Buffer.from(`<meta charset="utf-8"><p>${text}`))).toContain(text);
    // Named Latin-1 but written in UTF-8, as some web tools do: read as UTF-8.
    expect(decodeHtml(Buffer.from(`<meta charset=iso-8859-1><p>${text}`))).toContain(text);
    expect(decodeHtml(Buffer.from(`\ufeff<p>${text}`))).toBe(`<p>${text}`);
    expect(decodeHtml(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`<p>${text}`, 'utf16le')]))).toBe(
      `<p>${text}`,
    );
  });
});

describe('readHtmlPage', () => {
  it('takes its title, its text as a browser shows it with scripts on, and counts its pictures', () => {
    const read = readHtmlPage(
      Buffer.from(
        page(
          '<title>\n  Home to school transport &ndash; Local Offer\n</title><style>p{}</style><script>var a="<p>";</script>',
          '<noscript>Please turn on JavaScript</noscript><h1>Transport</h1><img src="a_files/logo.png">' +
            '<picture><source srcset="b.webp"><img src="b.jpg" alt="Bus"></picture>' +
            '<p>Children who live more than 3 miles from school may be eligible.</p>' +
            '<template><p>A row the page adds</p></template>',
        ),
      ),
    );
    expect(read.headers.get('subject')).toBe('Home to school transport – Local Offer');
    expect(read.text).toBe('Transport\n\nChildren who live more than 3 miles from school may be eligible.');
    expect(read.webPage).toEqual({ address: null, pictures: 2 });
    expect(read.attachments).toEqual([]);
    expect(readHtmlPage(Buffer.from(page('', '<p>No title</p>'))).headers.has('subject')).toBe(false);
  });

  it('finds where it was saved from: the browser’s comment, else the page’s own address; web addresses only', () => {
    const address = (html: string) => readHtmlPage(Buffer.from(html)).webPage?.address;
    const canonical = '<link href="https://example.gov.uk/transport?a=1&amp;b=2" rel="canonical">';
    const shared = '<meta property="og:url" content="https://example.gov.uk/shared">';
    expect(
      address(
        `<!DOCTYPE html>\n<!-- saved from url=(0039)https://example.gov.uk/send/local-offer -->\n<html><head>${canonical}</head></html>`,
      ),
    ).toBe('https://example.gov.uk/send/local-offer');
    expect(
      address(page(`<link rel="stylesheet" href="https://example.gov.uk/a.css">${canonical}`, 'x')),
    ).toBe('https://example.gov.uk/transport?a=1&b=2');
    expect(address(page(shared, 'x'))).toBe('https://example.gov.uk/shared');
    // A page saved from this computer, or an address that is not the web's, is not printed as its address.
    expect(address(`<!-- saved from url=(0022)file:///C:/Users/a.htm -->${page('', 'x')}`)).toBeNull();
    expect(address(page('<link rel=canonical href="javascript:alert(1)">', 'x'))).toBeNull();
  });
});

describe('readWebArchive', () => {
  const fixture = (name: string) => readFileSync(join(REPO_ROOT, 'tests/fixtures/webarchive', name));

  it('takes the page Safari kept, with its address and the character set it was sent in', () => {
    const archived = readWebArchive(fixture('Home to school transport.webarchive'));
    expect(archived).toMatchObject({
      address: 'https://www.example.gov.uk/send/local-offer/transport',
      charset: 'UTF-8',
    });
    expect(archived.otherType).toBeUndefined();
    const page = readHtmlPage(archived.html, archived);
    expect(page.headers.get('subject')).toBe('Home to school transport – SEND Local Offer');
    expect(page.webPage).toEqual({
      address: 'https://www.example.gov.uk/send/local-offer/transport',
      pictures: 2,
    });
    expect(page.text).toBe(
      'Home to school transport\n\nChildren with an EHC plan who live more than 3 miles from school may be eligible for free transport.\n\nZoë’s school is 4.2 miles away: £0 a term.',
    );
  });

  it('says when the archive is of a file rather than a page', () => {
    expect(readWebArchive(fixture('Decision letter.webarchive')).otherType).toBe('application/pdf');
  });
});
