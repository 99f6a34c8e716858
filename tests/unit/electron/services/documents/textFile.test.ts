/**
 * Plain text files into PDF pages: decoded in the encodings Notepad and phones write, laid out line for
 * line in the letters' fonts (so a chat in Bengali or Chinese prints), emoji named in a note.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../../../shared/limits';
import { refuse } from '../../../../../electron/services/documents/refusals';
import { sniffFileType } from '../../../../../electron/services/documents/sniff';
import { BODY_LINES_PER_PAGE, TooManyPages } from '../../../../../electron/services/letters/pdf';
import {
  decodeTextFile,
  textFileNamed,
  textFileToPdf,
} from '../../../../../electron/services/documents/textFile';

const dir = mkdtempSync(join(tmpdir(), 'text-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function popplerText(pdf: Uint8Array): string {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(path, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
}

/** Each word poppler finds on `pdf`'s first page, in order, with its left edge in points. */
function popplerWords(pdf: Uint8Array): [string, number][] {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(path, pdf);
  const html = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', path, '-'], { encoding: 'utf8' });
  return [...html.matchAll(/<word xMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map(([, xMin, word]) => [
    word,
    Number(xMin),
  ]);
}

/** Where poppler finds each word of `pdf`'s first page (its first time): its left edge, in points. */
function popplerWordsLeft(pdf: Uint8Array): Map<string, number> {
  const words = new Map<string, number>();
  for (const [word, left] of popplerWords(pdf)) if (!words.has(word)) words.set(word, left);
  return words;
}

const CHAT = [
  '03/11/2026, 08:14 - Mrs Jones: Sam had a hard morning and left the classroom twice.',
  '03/11/2026, 08:20 - Me: Thank you. Was his teaching assistant with him?',
  '03/11/2026, 08:31 - Mrs Jones: Not today, she is on a course 🙁',
].join('\r\n');

describe('text files', () => {
  it('are told apart from other files, in UTF-8 and in Notepad’s UTF-16', () => {
    expect(sniffFileType(Buffer.from(CHAT))).toEqual({ kind: 'text' });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Notes for the meeting', 'utf16le')]);
    expect(sniffFileType(utf16)).toEqual({ kind: 'text' });
    expect(sniffFileType(Buffer.from('<!DOCTYPE html><html>'))).toEqual({ kind: 'web-page' });
  });

  it('are read in UTF-8 (with or without its mark), UTF-16 (with or without), or else Windows-1252', () => {
    expect(decodeTextFile(Buffer.from('Zoë’s notes\r\nline two'))).toBe('Zoë’s notes\nline two');
    expect(decodeTextFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Zoë')]))).toBe('Zoë');
    expect(decodeTextFile(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('王 Zoë', 'utf16le')]))).toBe(
      '王 Zoë',
    );
    const be = Buffer.from('Zoë', 'utf16le').swap16();
    expect(decodeTextFile(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe('Zoë');
    // UTF-16 with no mark, as some programs and scripts write it: told apart and read, either byte order.
    const noMark = Buffer.from('Notes for the meeting\r\nZoë’s £5', 'utf16le');
    expect(sniffFileType(noMark)).toEqual({ kind: 'text' });
    expect(decodeTextFile(noMark)).toBe('Notes for the meeting\nZoë’s £5');
    expect(decodeTextFile(Buffer.from(noMark).swap16())).toBe('Notes for the meeting\nZoë’s £5');
    // Binary data with zero bytes is not taken for it.
    expect(sniffFileType(Uint8Array.from({ length: 64 }, (_, i) => (i % 2 ? 0 : i % 7)))).toMatchObject({
      kind: 'other',
    });
    // Not UTF-8: older Notepad's "ANSI", with its curly quote and euro sign.
    expect(decodeTextFile(Uint8Array.of(0x53, 0x61, 0x6d, 0x92, 0x73, 0x20, 0x80, 0x35))).toBe('Sam’s €5');
  });

  it('become pages with every line as written, emoji too, and a note naming what prints as boxes', async () => {
    const { pdf, note } = await textFileToPdf(
      decodeTextFile(Buffer.from(CHAT)),
      'WhatsApp Chat with Mrs Jones',
    );
    const text = popplerText(pdf);
    for (const line of decodeTextFile(Buffer.from(CHAT)).split('\n'))
      expect(text.replace(/\s+/g, ' ')).toContain(line);
    // Each message on its own line: the line breaks are kept.
    expect(text).toMatch(
      /twice\.\n03\/11\/2026, 08:20 - Me: Thank you\. Was his teaching assistant with him\?\n03\/11/,
    );
    expect(note).toBeNull();
    expect((await textFileToPdf('Sokha: សួស្តី', 'notes')).note).toMatch(
      /^Its pages show “ស”, .* as empty boxes/,
    );
    const chinese = await textFileToPdf('会议记录\n\n他今天很好。', 'notes');
    expect(chinese.note).toBeNull();
    expect(popplerText(chinese.pdf)).toContain('他今天很好。');
  });

  it('give no room to the invisible marks an iPhone’s WhatsApp export writes', async () => {
    const { pdf } = await textFileToPdf(
      decodeTextFile(
        Buffer.from(
          '[06/12/2026, 10:30:12 am] Sam: Hello\n\u200e[06/12/2026, 10:31:00 am] Sam: \u200e<attached: 00000012-PHOTO.jpg>',
        ),
      ),
      '_chat.txt',
    );
    const text = popplerText(pdf);
    expect(text).toContain('\n[06/12/2026, 10:31:00 am] Sam: <attached: 00000012-PHOTO.jpg>');
    // Both lines start at the margin: the mark before the second took no room.
    const starts = popplerWords(pdf)
      .filter(([word]) => word === '[06/12/2026,')
      .map(([, left]) => left);
    expect(starts).toHaveLength(2);
    expect(Math.abs(starts[0] - starts[1])).toBeLessThan(0.5);
  });

  it('keep their indentation and the columns tabs line up, as Notepad shows them', async () => {
    const { pdf } = await textFileToPdf(
      decodeTextFile(
        Buffer.from('Provision:\n    Speech therapy\n\tOccupational therapy\nDay\tHours\nMonday\t2'),
      ),
      'notes',
    );
    const left = popplerWordsLeft(pdf);
    const margin = left.get('Provision:')!;
    expect(left.get('Day')).toBeCloseTo(margin, 0);
    // Four spaces in, and a tab further in still.
    expect(left.get('Speech')! - margin).toBeGreaterThan(10);
    expect(left.get('Occupational')!).toBeGreaterThan(left.get('Speech')! + 10);
    // A tab reaches the same stop after a short word and a longer one: the columns line up.
    expect(Math.abs(left.get('Hours')! - left.get('2')!)).toBeLessThan(4);
  });
});

describe('text files with control characters', () => {
  it('break lines at a form feed, vertical tab, NEL and U+2028/9, and drop the controls fonts cannot show', async () => {
    const written = 'one\ftwo\vthree\u2028four\u2029five\u0085six\nseven\u0000eight\u0007nine\bten';
    expect(decodeTextFile(Buffer.from(written))).toBe('one\ntwo\nthree\nfour\nfive\nsix\nseveneightnineten');
    const { pdf, note } = await textFileToPdf(decodeTextFile(Buffer.from(written)), 'notes');
    // Before, pdf-lib drew "two" over the next line (a form feed was its own line break) and the rest as boxes.
    expect(popplerText(pdf).split('\n').slice(0, 8)).toEqual([
      'notes',
      'one',
      'two',
      'three',
      'four',
      'five',
      'six',
      'seveneightnineten',
    ]);
    expect(note).toBeNull();
  });
});

describe('a text file of very many short lines', () => {
  it(`is refused at once when its lines alone make more than ${LIMITS.textPages} pages`, async () => {
    const lines = (LIMITS.textPages + 1) * BODY_LINES_PER_PAGE;
    const started = performance.now();
    const refused = await textFileToPdf('ab\n'.repeat(lines), 'short lines').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TooManyPages);
    expect(refused).toMatchObject({ maxPages: LIMITS.textPages, atLeast: LIMITS.textPages + 1 });
    // Counted, not laid out: laying out the first 2,000 pages takes seconds.
    expect(performance.now() - started).toBeLessThan(1_000);
    // Blank lines and lines of spaces make no lines of their own: not counted (as many lines in all).
    const spaced = 'ab\n \n\t\n\n'.repeat(Math.ceil(lines / 4));
    await expect(
      textFileToPdf(spaced, 'short lines', 'f').then((r) => r.pdf.length),
    ).resolves.toBeGreaterThan(0);
  });

  it('says how many pages it would make', () => {
    expect(refuse.textTooManyPages('log.txt', 7944, 'text file').message).toBe(
      `"log.txt" is a text file whose text would make at least 7,944 pages, more than the 2,000 pages a text file may make. Copy the part that matters into a new text file and add that.`,
    );
    expect(refuse.textTooManyPages('Re: meeting.eml', LIMITS.textPages + 1, 'email').message).toMatch(
      /^"Re: meeting\.eml" is an email whose text would make more than the 2,000 pages an email may make\. Open it in your mail program, print it to PDF/,
    );
  });
});

describe('textFileNamed', () => {
  it('takes text by its name: notes, Markdown, logs and call transcripts; a spreadsheet saved as text; anything else a mistake', () => {
    for (const name of [
      'notes.txt',
      'README.md',
      'Annual review transcript.vtt',
      'call.srt',
      'Notes',
      'Notes 12.03.2026',
      'notes v2.1',
    ])
      expect(textFileNamed(name), name).toEqual({ as: 'text' });
    expect(textFileNamed('attendance.CSV')).toEqual({ as: 'spreadsheet' });
    expect(textFileNamed('export.tsv')).toEqual({ as: 'spreadsheet' });
    expect(textFileNamed('photo.JPG')).toEqual({ as: 'other', ending: 'jpg' });
    expect(textFileNamed('report.docx')).toEqual({ as: 'other', ending: 'docx' });
  });
});
