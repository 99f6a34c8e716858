import { describe, expect, it } from 'vitest';
import { breakableParts, graphemesOf } from '../../../../shared/text/lineBreaks';

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
