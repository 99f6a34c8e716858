import { describe, expect, it } from 'vitest';
import { fallbackFontsForStrings } from '../../../../../electron/services/bundle/fonts';
import { fallbackFontsFor } from '../../../../../shared/text/fallbackFonts';

describe('fallbackFontsForStrings', () => {
  it('needs the fonts the strings need read as one text, in the fonts’ order', () => {
    const strings = [
      'Zoë Kowalczyk',
      'Ελένη Παπαδοπούλου',
      'محمد الحسن',
      '王小明',
      'রহিম উদ্দিন',
      'A report 👍🏽 with an emoji',
      'محمد الحسن',
      'Speech and language therapy report',
    ];
    const found = fallbackFontsForStrings(strings);
    expect(found).toEqual(fallbackFontsFor(strings.join('\n')));
    expect(found).toEqual([
      'NotoSansBengali-Regular.ttf',
      'DroidSansFallback.ttf',
      'NotoSansArabic-Regular.ttf',
      'NotoEmoji-Regular.ttf',
    ]);
  });

  it('needs none for a plan within DejaVu Sans, and only what one name needs among many page facts', () => {
    const pages = Array.from({ length: 1000 }, (_, i) => [`${i + 1}`, (i * 2654435761).toString(16)]).flat();
    expect(fallbackFontsForStrings(pages)).toEqual([]);
    expect(fallbackFontsForStrings([...pages, 'Ayesha Siddiqa (عائشہ صدیقہ)'])).toEqual([
      'NotoSansArabic-Regular.ttf',
    ]);
  });
});
