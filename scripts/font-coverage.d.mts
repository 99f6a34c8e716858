/** See font-coverage.mjs. */
export function coverageRanges(files?: string[]): [number, number][];
export const FALLBACK_FONT_FILES: string[];
