/** See compileCache.mjs. */
export function codeCachePath(
  file: string,
  bytes: Uint8Array,
  options: { cacheDir: string; profile: string },
): string;
export function requireWithCodeCache(
  path: string,
  options: { cacheDir: string; profile: string; onCache?: (state: 'used' | 'none' | 'rejected') => void },
): Record<string, unknown>;
export function commandProfile(args: string[]): string;
