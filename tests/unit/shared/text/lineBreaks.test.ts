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

  it('keeps a letter with its marks', () => {
    expect(graphemesOf('কি e\u0301')).toEqual(['কি', ' ', 'e\u0301']);
    expect(breakableParts('王e\u0301')).toEqual(['王', 'e\u0301']);
  });
});
