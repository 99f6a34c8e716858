/** See font-coverage.mjs. */
export function coverageRanges(files?: string[]): [number, number][];
