import { describe, expect, it } from 'vitest';
import {
  checkDocumentLengths,
  checkLimits,
  identifyParts,
} from '../../../../../electron/services/checker/parts';
import { parsePrintedNumber } from '../../../../../electron/services/checker/pageNumbers';
import type { BookmarkNode } from '../../../../../electron/services/checker/destinations';
import { DD_PACK, SEND_PACK } from '../../../../../shared/rules/index';
import type { CheckPart } from '../../../../../shared/domain/checker';

function doc(title: string, firstPage: number, pages: number, letter: string): CheckPart {
  return {
    kind: 'document',
    title,
    letter,
    firstPage,
    lastPage: firstPage + pages - 1,
    pageCount: pages,
    firstLabel: null,
    lastLabel: null,
    documents: [],
  };
}

function section(letter: string, docs: [string, number][], start: number): CheckPart {
  const documents: CheckPart[] = [];
  let page = start;
  for (const [title, pages] of docs) {
    documents.push(doc(title, page, pages, letter));
    page += pages;
  }
  return { ...doc(`Section ${letter}`, start, page - start, letter), kind: 'section', documents };
}

describe('page limits from the rule pack', () => {
  it('reports a part over its limit on exactly the pages over it', () => {
    const parts = [
      section(
        'A',
        [
          ['Appeal form', 60],
          ['Response', 41],
        ],
        3,
      ),
    ];
    const { limits, findings } = checkLimits(parts, SEND_PACK, null);
    expect(limits.find((l) => l.partId === 'core')).toMatchObject({ pages: 101, limit: 100, status: 'over' });
    expect(findings).toEqual([
      expect.objectContaining({ code: 'part-over-limit', severity: 'error', pages: [103] }),
    ]);
    expect(findings[0].message).toContain('has 101 pages; the limit is 100');
  });

  it('passes a part exactly at its limit', () => {
    const { findings } = checkLimits([section('A', [['Appeal form', 100]], 3)], SEND_PACK, null);
    expect(findings).toEqual([]);
  });

  it('uses the appeal type when known, and warns between the lowest and highest limits when not', () => {
    const parts = [section('C', [['Report', 80]], 10)];
    expect(checkLimits(parts, SEND_PACK, null).findings).toEqual([
      expect.objectContaining({
        code: 'part-over-limit-for-some-appeals',
        severity: 'warning',
        pages: [85, 86, 87, 88, 89],
      }),
    ]);
    expect(checkLimits(parts, SEND_PACK, 'refusal-to-assess').findings[0]).toMatchObject({
      code: 'part-over-limit',
      pages: [85, 86, 87, 88, 89],
    });
    expect(checkLimits(parts, SEND_PACK, 'refusal-to-issue').findings).toEqual([]);
  });

  it('gives the working document its own limit inside section B', () => {
    const parts = [
      section(
        'B',
        [
          ['EHC plan and appendices', 40],
          ['Working document', 26],
        ],
        5,
      ),
    ];
    const { limits, findings } = checkLimits(parts, SEND_PACK, 'contents-of-plan');
    expect(limits.map((l) => [l.partId, l.pages, l.status])).toEqual([
      ['plan', 40, 'ok'],
      ['working-document', 26, 'over'],
    ]);
    expect(findings).toEqual([expect.objectContaining({ code: 'part-over-limit', pages: [70] })]);
  });

  it("is sure a party's evidence is over its limit only when the section's title says whose it is", () => {
    const named = { ...section('C', [['Report', 101]], 1), title: "Section C: Parent's evidence" };
    const lettered = section('C', [['Report', 101]], 1);
    expect(checkLimits([named], SEND_PACK, 'refusal-to-issue').findings).toEqual([
      expect.objectContaining({ code: 'part-over-limit', severity: 'error', pages: [101] }),
    ]);
    const [f] = checkLimits([lettered], SEND_PACK, 'refusal-to-issue').findings;
    expect(f).toMatchObject({ code: 'part-over-limit', severity: 'warning', pages: [101] });
    expect(f.message).toContain("if section C holds the appellant's evidence");
  });

  it('applies the disability discrimination pack', () => {
    const parts = [section('C', [['Evidence', 201]], 1)];
    expect(checkLimits(parts, DD_PACK, null).findings).toEqual([
      expect.objectContaining({ code: 'part-over-limit', pages: [201] }),
    ]);
  });

  it('flags long witness statements and expert reports by their titles', () => {
    const parts = [
      section(
        'C',
        [
          ['Witness statement of Mrs Example', 12],
          ['Educational psychology report', 16],
          ['Letters', 40],
        ],
        1,
      ),
    ];
    expect(checkDocumentLengths(parts, SEND_PACK).map((f) => [f.code, f.pages])).toEqual([
      ['statement-over-limit', [11, 12]],
      ['report-over-limit', [28]],
    ]);
  });
});

describe('finding the parts', () => {
  const bm = (title: string, page: number, children: BookmarkNode[] = []): BookmarkNode => ({
    title,
    page,
    external: false,
    depth: 0,
    children,
  });
  const numbers = Array.from({ length: 20 }, (_, i) =>
    parsePrintedNumber(i < 2 ? '' : i < 10 ? `A${i - 1}` : `B${i - 9}`),
  );

  it('from bookmarks: top level sections (front-matter bookmarks left out), children documents', () => {
    const bookmarks = [
      bm('Cover', 1),
      bm('Index', 2),
      bm('Appeal papers', 3, [bm('Appeal form', 3), bm('Decision', 6)]),
      bm('Section B: Plan', 11, [bm('EHC plan', 11)]),
    ];
    const { parts, from } = identifyParts({
      bookmarks,
      index: null,
      labelToPage: new Map(),
      numbers,
      pageCount: 20,
      pack: SEND_PACK,
    });
    expect(from).toBe('bookmarks');
    expect(
      parts.map((p) => [
        p.letter,
        p.firstPage,
        p.lastPage,
        p.documents.map((d) => [d.firstPage, d.lastPage]),
      ]),
    ).toEqual([
      [
        'A',
        3,
        10,
        [
          [3, 5],
          [6, 10],
        ],
      ],
      ['B', 11, 20, [[11, 20]]],
    ]);
  });

  it('from section letters in the page numbers when there is nothing else', () => {
    const { parts, from } = identifyParts({
      bookmarks: [],
      index: null,
      labelToPage: new Map(),
      numbers,
      pageCount: 20,
      pack: SEND_PACK,
    });
    expect(from).toBe('page-numbers');
    expect(parts.map((p) => [p.letter, p.firstPage, p.lastPage])).toEqual([
      ['A', 3, 10],
      ['B', 11, 20],
    ]);
  });
});
