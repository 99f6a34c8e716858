import { describe, expect, it } from 'vitest';
import { coverageRanges } from '../../../../scripts/font-coverage.mjs';
import { BUNDLE_FONT_COVERAGE } from '../../../../shared/text/bundleFontCoverage';
import {
  fontHasCharacter,
  listCharacters,
  unprintableCharacters,
  workingDocumentPdfNote,
} from '../../../../shared/text/bundleFont';

describe('what the bundle font can print', () => {
  it('has the table the fonts give (run scripts/font-coverage.mjs after changing them)', () => {
    expect(BUNDLE_FONT_COVERAGE).toEqual(coverageRanges());
  });

  it('prints names in every script the messages offer instead', () => {
    for (const name of [
      'Zoë Kowalczyk-Ní Bhriain',
      'Ελένη Παπαδοπούλου',
      'Алексей Смирнов',
      'דוד כהן',
      'محمد الحسن',
    ])
      expect(unprintableCharacters(name)).toEqual([]);
    expect(unprintableCharacters('Şükrü Öztürk')).toEqual([]);
  });

  it('names each character it cannot print once, in order', () => {
    expect(unprintableCharacters('王小明 (Wang Xiaoming) 王 👧')).toEqual(['王', '小', '明', '👧']);
    expect(unprintableCharacters('line one\nline two\tend')).toEqual([]);
    expect(unprintableCharacters('অর্পিতা')[0]).toBe('অ');
    expect(fontHasCharacter(0x4e00)).toBe(false);
    expect(fontHasCharacter(0x41)).toBe(true);
    expect(fontHasCharacter(0x10ffff)).toBe(false);
    // The oblique font (the working document's italic runs) has no Arabic.
    expect(unprintableCharacters('محمد', 'oblique')).toEqual(['م', 'ح', 'د']);
    expect(workingDocumentPdfNote([])).toBeNull();
  });

  it('lists characters in plain English, and says how many more', () => {
    expect(listCharacters(['王'])).toBe('“王”');
    expect(listCharacters(['王', '小', '明'])).toBe('“王”, “小” and “明”');
    expect(listCharacters([...'一二三四五六七八九十'])).toBe(
      '“一”, “二”, “三”, “四”, “五”, “六”, “七”, “八” and 2 more',
    );
  });

  it('notes a working document PDF whose text it cannot print', () => {
    expect(workingDocumentPdfNote([])).toBeNull();
    expect(workingDocumentPdfNote(['ខ'])).toBe(
      'The PDF (the copy in the bundle) shows “ខ” as an empty box: its font has no such letter. Leave it out, or write it in another alphabet.',
    );
  });
});
