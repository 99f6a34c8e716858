/** See asciiOutput.mjs: a bundle's non-ASCII characters as `\u` escapes, or the line where that is unsafe. */
export function asciiOnly(code: string): { code?: string; unsafe?: { line: number; text: string } };
