import { describe, expect, it } from 'vitest';
import { checkPages, readingTurn, type PageFacts } from '../../../../../electron/services/checker/pageChecks';
import type { TextItem } from '../../../../../electron/services/pdf/pdfjs';

const line = (text: string, dir?: number): TextItem => ({ text, x: 72, y: 400, width: 300, height: 12, dir });
const BODY = 'The child needs weekly speech and language therapy in a small group.';

function facts(page: number, extra: Partial<PageFacts> = {}): PageFacts {
  return { page, width: 595.28, height: 841.89, unreadable: false, textChars: 200, ...extra };
}

describe('the way a page reads', () => {
  it('tells text running up, down or upside down from upright text', () => {
    expect(readingTurn([line(BODY), line(BODY)])).toBeNull();
    expect(readingTurn([line(BODY, 90), line(BODY, 90), line('12')])).toBe(90);
    expect(readingTurn([line(BODY, 270), line(BODY, 270)])).toBe(270);
    expect(readingTurn([line(BODY, 180), line(BODY, 180)])).toBe(180);
  });

  it('does not count a sideways note or stamp on an upright page, nor judge a page with little text', () => {
    expect(readingTurn([line(BODY), line(BODY), line('Received 3 March 2025', 90)])).toBeNull();
    expect(readingTurn([line('Page 12', 90)])).toBeNull();
  });

  it('warns about a turned page once, not also as a landscape page', () => {
    const found = checkPages(
      [
        facts(1),
        facts(2, { turn: 90 }),
        facts(3, { width: 841.89, height: 595.28, turn: 270 }),
        facts(4, { width: 841.89, height: 595.28 }),
      ],
      null,
    );
    expect(found.map((f) => [f.code, f.severity, f.pages])).toEqual([
      ['page-turned', 'warning', [2, 3]],
      ['landscape-page', 'note', [4]],
    ]);
    expect(found[0].message).toBe(
      'Pages 2–3 do not read the right way up on screen: their text runs sideways or upside down. Turn them (rotate the pages in the PDF) so they read without turning the screen.',
    );
  });
});
