import { describe, expect, it } from 'vitest';
import { directionRuns, visualOrder } from '../../../../shared/text/bidi';
import { fontRuns } from '../../../../shared/text/fallbackFonts';

describe('right-to-left text in a left-to-right line', () => {
  it('splits a line into left-to-right and right-to-left runs, spaces between Arabic words in the Arabic run', () => {
    expect(directionRuns('')).toEqual([]);
    expect(directionRuns('Zoë Smith')).toEqual([{ text: 'Zoë Smith', rtl: false }]);
    expect(directionRuns('Zoë and محمد الحسن.')).toEqual([
      { text: 'Zoë and ', rtl: false },
      { text: 'محمد الحسن', rtl: true },
      { text: '.', rtl: false },
    ]);
  });

  it('draws the pieces of a right-to-left run right to left, whatever font each is in', () => {
    const runs = fontRuns('Dear محمد الحسن.');
    expect(runs).toEqual([
      { text: 'Dear ', font: null },
      { text: 'محمد', font: 'NotoSansArabic-Regular.ttf' },
      { text: ' ', font: null },
      { text: 'الحسن', font: 'NotoSansArabic-Regular.ttf' },
      { text: '.', font: null },
    ]);
    // The second word is drawn first (leftmost), then the space, then the first word.
    expect(visualOrder(runs)).toEqual([
      { text: 'Dear ', font: null, rtl: false },
      { text: 'الحسن', font: 'NotoSansArabic-Regular.ttf', rtl: true },
      { text: ' ', font: null, rtl: true },
      { text: 'محمد', font: 'NotoSansArabic-Regular.ttf', rtl: true },
      { text: '.', font: null, rtl: false },
    ]);
  });

  it('keeps brackets with the right-to-left text they enclose, and mirrors them', () => {
    expect(directionRuns('علی (احمد) (Ali)')).toEqual([
      { text: 'علی (احمد)', rtl: true },
      { text: ' (Ali)', rtl: false },
    ]);
    // After left-to-right text, brackets around an Arabic name stay left to right, as the algorithm says.
    expect(directionRuns('Ali (احمد)')).toEqual([
      { text: 'Ali (', rtl: false },
      { text: 'احمد', rtl: true },
      { text: ')', rtl: false },
    ]);
    // Drawn right to left, the opening bracket needs the closing one's shape.
    expect(visualOrder([{ text: 'علی (احمد) (Ali)', font: 'f' }])).toEqual([
      { text: 'علی )احمد(', font: 'f', rtl: true },
      { text: ' (Ali)', font: 'f', rtl: false },
    ]);
    expect(visualOrder([{ text: 'a (b)', font: 1 }])).toEqual([{ text: 'a (b)', font: 1, rtl: false }]);
    // Brackets that do not pair are neutral.
    expect(directionRuns('علی) (')).toEqual([
      { text: 'علی', rtl: true },
      { text: ') (', rtl: false },
    ]);
  });

  it('takes the directional marks as letters of their direction, and never draws them', () => {
    // An iPhone's WhatsApp export puts a left-to-right mark before an attachment; it takes no room.
    expect(
      visualOrder([{ text: '\u200e[06/12/2026] Sam: \u200e<attached: photo.jpg>', font: null }]),
    ).toEqual([{ text: '[06/12/2026] Sam: <attached: photo.jpg>', font: null, rtl: false }]);
    // A right-to-left mark after an Arabic word keeps the full stop with it, as the writer meant.
    expect(directionRuns('Ali: مرحبا.\u200f')).toEqual([
      { text: 'Ali: ', rtl: false },
      { text: 'مرحبا.\u200f', rtl: true },
    ]);
    expect(visualOrder([{ text: 'Ali: مرحبا.\u200f', font: 'f' }])).toEqual([
      { text: 'Ali: ', font: 'f', rtl: false },
      { text: 'مرحبا.', font: 'f', rtl: true },
    ]);
  });
});
