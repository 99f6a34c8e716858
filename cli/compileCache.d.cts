/** See compileCache.cjs. */
export function codeCachePath(
  file: string,
  bytes: Uint8Array,
  options: { cacheDir: string; profile: string; flags?: readonly string[] },
): string;
export function requireWithCodeCache(
  path: string,
  options: { cacheDir: string; profile: string; onCache?: (state: 'used' | 'none' | 'rejected') => void },
): Record<string, unknown>;
export function saveCodeCaches(): void;
export function requirePdfjs(
  cliDir: string,
  cacheDirName: string,
): { lib: unknown; WorkerMessageHandler: unknown; saveCodeCache: () => void };
export function commandProfile(args: string[]): string;
export function cacheWorkerCode(options: { cacheDir: string; profile: string }): void;
