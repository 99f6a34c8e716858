/** See cliFresh.mjs. */
export const CLI_DIR: string;
export const CODE_CACHE_DIR: string;
export function cliBuildIsFresh(outdir?: string): boolean;
