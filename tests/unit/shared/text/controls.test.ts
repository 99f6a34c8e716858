import { describe, expect, it } from 'vitest';
import {
  cleanText,
  escapeControls,
  escapeForTerminal,
  hasControlCharacters,
} from '../../../../shared/text/controls';

describe('cleanText', () => {
  it.each([
    ['Report\x1b[31m', 'Report[31m'],
    ['a\x00b\x07c\x7fd\x85e\x9bf', 'abcdef'],
    ['line one\r\nline two\tend', 'line one line two end'],
    ['evil\u202efdp.exe', 'evilfdp.exe'],
    ['\u2066isolated\u2069 \u200fmark\u200e', 'isolated mark'],
    ['   spaced    out   ', 'spaced out'],
    ['Zoë and محمد الحسن', 'Zoë and محمد الحسن'],
    ['\x1b\x07', ''],
  ])('%j → %j', (input, expected) => {
    expect(cleanText(input)).toBe(expected);
    expect(hasControlCharacters(cleanText(input))).toBe(false);
  });
});

describe('escaping for printing', () => {
  it('shows every control and bidi formatting character as a visible escape', () => {
    expect(escapeControls('a\tb\nc\rd\x1be\u202ef\x85')).toBe('a\\tb\\nc\\rd\\ee\\u202ef\\u0085');
    expect(escapeControls('plain Zoë')).toBe('plain Zoë');
  });
  it('keeps the tabs and line breaks of a printed line, escaping the rest', () => {
    expect(escapeForTerminal('1\tTitle\x1b[2J\n2\tNext\u202e')).toBe('1\tTitle\\e[2J\n2\tNext\\u202e');
  });
});
