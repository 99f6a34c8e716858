import { describe, expect, it } from 'vitest';
import { breakableParts, graphemesOf, segmentsIn } from '../../../../shared/text/lineBreaks';

describe('where a line may break inside a word', () => {
  it('never inside a Latin, Korean or Bengali word', () => {
    for (const word of ['supercalifragilistic', 'wang@example.org', '연락드립니다.', 'ক্ষত্রিয়'])
      expect(breakableParts(word)).toEqual([word]);
  });

  it('between Chinese and Japanese characters, not before closing punctuation or after opening', () => {
    expect(breakableParts('王小明')).toEqual(['王', '小', '明']);
    expect(breakableParts('谢谢。「好」')).toEqual(['谢', '谢。', '「好」']);
    // Small kana (ょ, っ) never start a line.
    expect(breakableParts('ちょっと')).toEqual(['ちょっ', 'と']);
    expect(breakableParts('EHC计划）')).toEqual(['EHC', '计', '划）']);
    expect(breakableParts('（EHC')).toEqual(['（EHC']);
  });

  it('between the words of Thai, Lao, Khmer and Burmese, which have no spaces between them', () => {
    expect(breakableParts('สวัสดีครับวันนี้อากาศดีมาก')).toEqual(['สวัสดี', 'ครับ', 'วัน', 'นี้', 'อากาศ', 'ดี', 'มาก']);
    expect(breakableParts('ສະບາຍດີທຸກຄົນ')).toEqual(['ສະບາຍດີ', 'ທຸກຄົນ']);
    expect(breakableParts('សួស្តីពិភពលោក')).toEqual(['សួស្តី', 'ពិភពលោក']);
    expect(breakableParts('မင်္ဂလာပါခင်ဗျား')).toEqual(['မင်္ဂလာ', 'ပါ', 'ခင်ဗျား']);
    // Never inside a word: what is joined back is the text, and each part is whole words.
    const sentence = 'โรงเรียนไม่ได้ให้ความช่วยเหลือตามแผนEHCของลูกชายดิฉัน';
    expect(breakableParts(sentence).join('')).toBe(sentence);
    expect(breakableParts(sentence)).toContain('โรงเรียน');
    expect(breakableParts(sentence)).toContain('ลูกชาย');
  });

  it('keeps punctuation with its word in those scripts, and cuts Chinese among them as Chinese', () => {
    expect(breakableParts('ดี,มาก(ครับ)')).toEqual(['ดี,', 'มาก', '(ครับ)']);
    expect(breakableParts('(สวัสดี)')).toEqual(['(สวัสดี)']);
    expect(breakableParts('EHC计划ของลูก')).toEqual(['EHC', '计', '划', 'ของ', 'ลูก']);
  });

  it('keeps a letter with its marks', () => {
    expect(graphemesOf('কি e\u0301')).toEqual(['কি', ' ', 'e\u0301']);
    expect(breakableParts('王e\u0301')).toEqual(['王', 'e\u0301']);
  });
});

describe('segments of a long text, read a piece at a time', () => {
  /** Text of `length` drawn at random (the same each run) from `alphabet`. */
  function text(alphabet: string[], length: number, seed: number): string {
    let state = seed;
    const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let out = '';
    while (out.length < length) out += alphabet[Math.floor(next() * alphabet.length)];
    return out;
  }
  const whole = (segmenter: Intl.Segmenter, t: string) =>
    Array.from(segmenter.segment(t), ({ segment, index, isWordLike }) => ({ segment, index, isWordLike }));
  const pieces = (segmenter: Intl.Segmenter, t: string, margin: number) =>
    segmentsIn(segmenter, t, margin).map(({ segment, index, isWordLike }) => ({
      segment,
      index,
      isWordLike,
    }));

  it('are the segments of the whole text: characters with marks, flags, joined emoji, Thai, Chinese', () => {
    const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
    const words = new Intl.Segmenter('und', { granularity: 'word' });
    const alphabets = [
      ['a', 'e\u0301', '\u0301', ' ', 'ক্ষ', 'ি'],
      ['\u{1f1ec}', '\u{1f1e7}', '\u{1f1eb}', 'x'],
      ['\u{1f469}', '\u200d', '\u{1f467}', '\u{1f3fd}', '\ufe0f', ' '],
      ['สวัสดี', 'ครับ', 'วันนี้', 'อากาศ', 'ดี', 'มาก', 'โรงเรียน', 'ลูกชาย', ' ', ','],
      ['王', '小', '明', '。', '「', '」', 'EHC', ' '],
    ];
    alphabets.forEach((alphabet, n) => {
      const t = text(alphabet, 5_000, n + 1);
      expect(pieces(graphemes, t, 1)).toEqual(whole(graphemes, t));
      expect(pieces(words, t, 128)).toEqual(whole(words, t));
    });
    // One segment longer than a piece: a letter with 5,000 marks.
    const marked = `a${'\u0301'.repeat(5_000)}b`;
    expect(pieces(graphemes, marked, 1)).toEqual(whole(graphemes, marked));
  });

  it('takes time in proportion to the length, not its square', () => {
    // Given whole, 160,000 letters took V8 35 s, and a one-line text file of a million (its import) minutes.
    expect(graphemesOf('a'.repeat(1_000_000))).toHaveLength(1_000_000);
    expect(breakableParts('สวัสดีครับ'.repeat(20_000)).join('')).toHaveLength(200_000);
  }, 20_000);
});
