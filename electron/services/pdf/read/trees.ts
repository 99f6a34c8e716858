/** Number trees and name trees (ISO 32000-1, 7.9.6–7.9.7), read whole with loops and depth cut off. */
import type { PdfReader } from './document';
import { isDict, isNumber, isRef, PdfString, type PdfValue } from './objects';

const MAX_DEPTH = 32;
const MAX_ENTRIES = 500_000;

function walk(
  reader: PdfReader,
  root: PdfValue | undefined,
  leafKey: 'Nums' | 'Names',
  onPair: (key: PdfValue | undefined, value: PdfValue) => void,
): void {
  const seen = new Set<string>();
  let count = 0;
  const visit = (value: PdfValue | undefined, depth: number) => {
    if (depth > MAX_DEPTH || count > MAX_ENTRIES) return;
    if (isRef(value)) {
      if (seen.has(value.key)) return;
      seen.add(value.key);
    }
    const node = reader.resolve(value);
    if (!isDict(node)) return;
    const pairs = reader.get(node, leafKey);
    if (Array.isArray(pairs)) {
      for (let i = 0; i + 1 < pairs.length; i += 2) {
        count++;
        onPair(reader.resolve(pairs[i]), pairs[i + 1]);
      }
    }
    const kids = reader.get(node, 'Kids');
    if (Array.isArray(kids)) for (const kid of kids) visit(kid, depth + 1);
  };
  visit(root, 0);
}

/** A number tree's entries, sorted by key (values unresolved). */
export function readNumberTree(reader: PdfReader, root: PdfValue | undefined): [number, PdfValue][] {
  const out: [number, PdfValue][] = [];
  walk(reader, root, 'Nums', (key, value) => {
    if (isNumber(key)) out.push([key, value]);
  });
  return out.sort((a, b) => a[0] - b[0]);
}

/** A name tree's entries by key, read as Latin-1 bytes (values unresolved; the first of duplicates wins). */
export function readNameTree(reader: PdfReader, root: PdfValue | undefined): Map<string, PdfValue> {
  const out = new Map<string, PdfValue>();
  walk(reader, root, 'Names', (key, value) => {
    if (key instanceof PdfString) {
      const k = Buffer.from(key.bytes).toString('latin1');
      if (!out.has(k)) out.set(k, value);
    }
  });
  return out;
}
