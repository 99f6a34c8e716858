/** Page lists in plain English: [3, 5, 6, 7, 9] → "pages 3, 5–7 and 9". */

/** Consecutive runs: [3, 5, 6, 7] → [[3, 3], [5, 7]]. */
function pageRuns(pages: number[]): [number, number][] {
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const p of sorted) {
    const last = runs[runs.length - 1];
    if (last && p === last[1] + 1) last[1] = p;
    else runs.push([p, p]);
  }
  return runs;
}

export function formatRuns(pages: number[], maxRuns = 12): string {
  const runs = pageRuns(pages).map(([a, b]) => (a === b ? String(a) : `${a}–${b}`));
  const shown = runs.length > maxRuns ? [...runs.slice(0, maxRuns), `${runs.length - maxRuns} more`] : runs;
  const lastRun = shown.pop() ?? '';
  return shown.length > 0 ? `${shown.join(', ')} and ${lastRun}` : lastRun;
}

/** "page 7" / "pages 3 and 5–7"; capitalised at the start of a sentence. */
export function describePages(pages: number[], capital = false): string {
  const single = new Set(pages).size === 1;
  const word = single ? 'page' : 'pages';
  return `${capital ? word.charAt(0).toUpperCase() + word.slice(1) : word} ${formatRuns(pages)}`;
}
