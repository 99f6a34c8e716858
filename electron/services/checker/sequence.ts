/** Ordering printed page numbers (A1 < A2 < A2a < B1) and finding the longest run of pages in order. */
import { suffixIndex } from '../../../shared/bundle/format';
import type { PrintedNumber } from './pageNumbers';

export type OrderKey = [number, number, number];

/** Section letters sort alphabetically, with longer prefixes (AA) after shorter ones (Z). */
function prefixRank(prefix: string): number {
  let rank = 0;
  for (const ch of prefix) rank = rank * 27 + (ch.charCodeAt(0) - 64);
  return rank;
}

export function orderKey(n: Extract<PrintedNumber, { kind: 'main' }>): OrderKey {
  return [prefixRank(n.prefix), n.number, suffixIndex(n.suffix)];
}

export function compareKeys(a: OrderKey, b: OrderKey): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** Indices of one longest strictly increasing run (not necessarily contiguous) of keys, O(n log n). */
export function longestIncreasing(keys: OrderKey[]): Set<number> {
  const tails: number[] = [];
  const previous = new Array<number>(keys.length).fill(-1);
  for (let i = 0; i < keys.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareKeys(keys[tails[mid]], keys[i]) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const kept = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = previous[i]) kept.add(i);
  return kept;
}
