/** See pdfjsFixes.mjs: fixes to pdf.js for damaged files on which it would never finish. */
/** Each of a fix's steps replaces `find`, found `count` times, with `replace`; all of them or none. */
export const PDFJS_FIXES: { name: string; steps: { find: string; replace: string; count: number }[] }[];
export const FIXED_FILES: string[];
export function fixPdfjsWorker(source: string): {
  contents: string;
  made: string[];
  already: string[];
  missing: string[];
};
export function fixInstalledPdfjs(
  modules: string,
): { file: string; made: string[]; already: string[]; missing: string[] }[];
