/** Where a Word file keeps its parts (electron/services/documents/wordPackage.ts). */
import { describe, expect, it } from 'vitest';
import { wordParts } from '../../../../../electron/services/documents/wordPackage';
import { zipOf } from '../../../../helpers/hostile';

const relationship = (type: string, target: string, external = false) =>
  `<Relationship Id="r${type}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" ` +
  `Target="${target}"${external ? ' TargetMode="External"' : ''}/>`;
const relationships = (...items: string[]) =>
  `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join('')}</Relationships>`;
const zip = (parts: Record<string, string>) =>
  zipOf(Object.entries(parts).map(([name, text]) => ({ name, data: Buffer.from(text) })));

describe('wordParts', () => {
  it('finds the parts as the relationships name them, as Word for the web writes them', () => {
    const file = zip({
      '_rels/.rels': relationships(relationship('officeDocument', '/word/document22.xml')),
      'word/_rels/document22.xml.rels': relationships(
        relationship('styles', 'styles.xml'),
        relationship('header', 'header7.xml'),
        relationship('footer', '/word/footer3.xml'),
        relationship('footnotes', 'notes/foot.xml'),
        relationship('comments', 'comments2.xml'),
        // Outside the package, or not in it: not parts of it.
        relationship('settings', '../../settings.xml'),
        relationship('endnotes', 'http://example.org/endnotes.xml', true),
        relationship('image', 'missing.png'),
      ),
      'word/document22.xml': '<w:document/>',
      'word/styles.xml': '<w:styles/>',
      'word/header7.xml': '<w:hdr/>',
      'word/footer3.xml': '<w:ftr/>',
      'word/notes/foot.xml': '<w:footnotes/>',
      'word/comments2.xml': '<w:comments/>',
      'settings.xml': '<w:settings/>',
    });
    expect(wordParts(file)).toEqual({
      main: 'word/document22.xml',
      styles: 'word/styles.xml',
      settings: null,
      comments: 'word/comments2.xml',
      footnotes: 'word/notes/foot.xml',
      text: ['word/document22.xml', 'word/header7.xml', 'word/footer3.xml', 'word/notes/foot.xml'],
    });
  });

  it("takes Word's own names where the relationships do not say, or the file cannot be read", () => {
    const plain = zip({
      'word/document.xml': '<w:document/>',
      'word/settings.xml': '<w:settings/>',
      'word/comments.xml': '<w:comments/>',
    });
    expect(wordParts(plain)).toEqual({
      main: 'word/document.xml',
      styles: null,
      settings: 'word/settings.xml',
      comments: 'word/comments.xml',
      footnotes: null,
      text: ['word/document.xml'],
    });
    expect(wordParts(Buffer.from('not a zip'))).toMatchObject({
      main: 'word/document.xml',
      text: ['word/document.xml'],
    });
  });
});
