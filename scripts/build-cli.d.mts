/** See build-cli.mjs. */
export const CLI_DIR: string;
export function buildCli(options?: { outdir?: string }): Promise<string>;
