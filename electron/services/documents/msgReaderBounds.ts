/**
 * Bounds on how @kenjiuno/msgreader reads an Outlook item's compound file ([MS-CFB]: a header, a table of
 * which sector follows which, and a directory of streams). Its reader follows every chain of sectors until
 * the end-of-chain mark and believes every count and size the file states, so a damaged item made it work
 * without end: one whose directory's chain led back to its own first sector (`npm run fuzz`, seed 12: a
 * 7.6 KB item) added directory entries until the untrusted-file worker ran out of memory, 15 s later, and
 * was then refused as too big to read.
 *
 * Installed over the reader's own methods (outlookMsg.ts loads this first): a chain may not be longer than
 * the file has sectors (a sound chain visits each sector once), a stream not larger than the file, the
 * directory's tree may not reach an entry twice, and counts in the header are taken only as far as the file
 * has sectors. A damaged item then fails at once, and is refused as damaged.
 */
import { Reader, TypeEnum, type Property } from '@kenjiuno/msgreader/lib/Reader';

const MINI_SECTOR = 64;
const NO_INDEX = -1;

/** The sector chain led back on itself, or past what the file holds. */
export class CompoundFileDamaged extends Error {}

const STEPS = Symbol('steps left on the chain being followed');
const PLACED = Symbol('directory entries placed in the tree');

/** What of msgreader's Reader this reaches into (its own declarations keep these private). */
interface ReaderInternals {
  ds: { byteLength: number };
  bigBlockSize: number;
  xbatCount: number;
  sbatCount: number;
  getNextBlock: (this: ReaderInternals, offset: number) => number;
  getNextBlockSmall: (this: ReaderInternals, offset: number) => number;
  propertyDataReader: (this: ReaderInternals, start: number) => Property[];
  getChainByBlockSmall: (this: ReaderInternals, property: Property) => number[];
  readBigBlockTable: (this: ReaderInternals) => number[];
  sbatDataReader: (this: ReaderInternals) => number[];
  xbatDataReader: (this: ReaderInternals) => void;
  readProperty: (this: ReaderInternals, property: Property) => Uint8Array;
  createPropertyHierarchy: (this: ReaderInternals, props: Property[], node: Property | undefined) => void;
  [STEPS]?: { left: number };
  [PLACED]?: Set<number>;
}

const reader = Reader.prototype as unknown as ReaderInternals;

/** How many sectors of `size` bytes the file can hold: no sound chain is longer. */
function sectors(self: ReaderInternals, size: number): number {
  return Math.ceil(self.ds.byteLength / size) + 1;
}

/** Each step along a chain counts against the chain's allowance (set by `chainFollower`). */
for (const step of ['getNextBlock', 'getNextBlockSmall'] as const) {
  const original = reader[step];
  reader[step] = function (this: ReaderInternals, offset: number) {
    const steps = this[STEPS];
    if (steps && --steps.left < 0)
      throw new CompoundFileDamaged('a chain of sectors in the file leads back on itself');
    return original.call(this, offset);
  };
}

/** A method that follows one chain gets an allowance of as many steps as the file has sectors of `size`. */
function chainFollower<K extends keyof ReaderInternals>(name: K, size: (self: ReaderInternals) => number) {
  const original = reader[name] as (...args: unknown[]) => unknown;
  (reader as unknown as Record<K, unknown>)[name] = function (this: ReaderInternals, ...args: unknown[]) {
    const outer = this[STEPS];
    this[STEPS] = { left: sectors(this, size(this)) };
    try {
      return original.apply(this, args);
    } finally {
      this[STEPS] = outer;
    }
  };
}

chainFollower('propertyDataReader', (self) => self.bigBlockSize);
chainFollower('readBigBlockTable', (self) => self.bigBlockSize);
chainFollower('getChainByBlockSmall', () => MINI_SECTOR);
chainFollower('sbatDataReader', (self) => self.bigBlockSize);

const readProperty = reader.readProperty;
reader.readProperty = function (this: ReaderInternals, property: Property) {
  if (property.sizeBlock > this.ds.byteLength)
    throw new CompoundFileDamaged('a stream in the file is larger than the file');
  const outer = this[STEPS];
  this[STEPS] = { left: sectors(this, this.bigBlockSize) };
  try {
    return readProperty.call(this, property);
  } finally {
    this[STEPS] = outer;
  }
};

const xbatDataReader = reader.xbatDataReader;
reader.xbatDataReader = function (this: ReaderInternals) {
  this.xbatCount = Math.min(this.xbatCount, sectors(this, this.bigBlockSize));
  return xbatDataReader.call(this);
};

/**
 * msgreader's own walk of the directory's tree (each entry's left and right siblings, and a storage's
 * children), with each entry placed once: an entry met again means the tree leads back on itself.
 */
reader.createPropertyHierarchy = function (
  this: ReaderInternals,
  props: Property[],
  node: Property | undefined,
): void {
  if (!node || node.childProperty === NO_INDEX) return;
  const outermost = !this[PLACED];
  const placed = (this[PLACED] ??= new Set<number>());
  try {
    node.children = [];
    const stack: Array<{ push: boolean; index: number }> = [{ push: false, index: node.childProperty }];
    while (stack.length) {
      const { push, index } = stack.pop()!;
      if (push) {
        node.children.push(index);
        continue;
      }
      const current = props[index];
      if (!current || placed.has(index))
        throw new CompoundFileDamaged("the file's directory leads back on itself or past its end");
      placed.add(index);
      if (current.type === TypeEnum.DIRECTORY) this.createPropertyHierarchy(props, current);
      if (current.nextProperty !== NO_INDEX) stack.push({ push: false, index: current.nextProperty });
      stack.push({ push: true, index });
      if (current.previousProperty !== NO_INDEX) stack.push({ push: false, index: current.previousProperty });
    }
  } finally {
    if (outermost) this[PLACED] = undefined;
  }
};
