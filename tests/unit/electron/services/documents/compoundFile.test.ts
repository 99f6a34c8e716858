import { burn } from '@kenjiuno/msgreader/lib/Burner';
import { TypeEnum } from '@kenjiuno/msgreader/lib/Reader';
import { describe, expect, it } from 'vitest';
import { compoundRootStreams } from '../../../../../electron/services/documents/compoundFile';

type Entry = Parameters<typeof burn>[0][number];

const patterned = (length: number, seed: number) =>
  Uint8Array.from({ length }, (_, i) => (i * 31 + seed * 7 + (i >> 8)) & 0xff);

function stream(name: string, bytes: Uint8Array): Entry {
  const data = Array.from(bytes);
  return { name, type: TypeEnum.DOCUMENT, binaryProvider: () => data, length: data.length };
}

/** A compound file with a small stream, a large one, and a storage holding a stream of the same name. */
function compoundFile(): { file: Uint8Array; small: Uint8Array; large: Uint8Array; inside: Uint8Array } {
  const small = patterned(1500, 1);
  const large = patterned(20_000, 2);
  const inside = patterned(700, 3);
  const file = burn([
    { name: 'Root Entry', type: TypeEnum.ROOT, length: 0, children: [1, 2, 3] },
    stream('1Table', small),
    stream('WordDocument', large),
    { name: 'ObjectPool', type: TypeEnum.DIRECTORY, length: 0, children: [4] },
    stream('WordDocument', inside),
  ]);
  return { file, small, large, inside };
}

describe('compoundRootStreams', () => {
  it('finds each byte of a stream in the file, in small sectors and ordinary ones', () => {
    const { file, small, large } = compoundFile();
    const streams = compoundRootStreams(file)!;
    expect([...streams.keys()].sort()).toEqual(['1table', 'worddocument']);
    for (const [name, data] of [
      ['1table', small],
      ['worddocument', large],
    ] as const) {
      const found = streams.get(name)!;
      expect(found.size).toBe(data.length);
      const read = Uint8Array.from({ length: data.length }, (_, i) => file[found.offsetOf(i)!]);
      expect(read).toEqual(data);
      expect(found.offsetOf(data.length)).toBeNull();
      expect(found.offsetOf(-1)).toBeNull();
    }
  });

  it("reads the root's streams, not those of a storage inside it (an embedded document's)", () => {
    const { file, large } = compoundFile();
    const found = compoundRootStreams(file)!.get('worddocument')!;
    expect(found.size).toBe(large.length);
  });

  it('gives null for what is not a compound file, or one whose chains loop or run off its end', () => {
    const { file } = compoundFile();
    expect(compoundRootStreams(new Uint8Array(0))).toBeNull();
    expect(compoundRootStreams(Buffer.from('not a compound file'.repeat(40)))).toBeNull();
    // The directory's chain made to loop: its first sector's FAT entry names itself.
    const looped = new Uint8Array(file);
    const view = new DataView(looped.buffer);
    const directory = view.getUint32(0x30, true);
    const fatSector = view.getUint32(0x4c, true);
    view.setUint32((fatSector + 1) * 512 + directory * 4, directory, true);
    expect(compoundRootStreams(looped)).toBeNull();
    // Cut short: nothing found outside the file.
    for (let cut = 512; cut < file.length; cut += 1024) {
      const streams = compoundRootStreams(file.subarray(0, cut));
      for (const found of streams?.values() ?? [])
        for (let i = 0; i < found.size; i += 97) expect(found.offsetOf(i) ?? 0).toBeLessThan(cut);
    }
  });
});
