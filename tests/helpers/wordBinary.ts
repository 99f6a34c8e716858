/**
 * A Word 97-2003 file as far as its header ([MS-DOC] FibBase), written with msgreader's compound-file writer:
 * a WordDocument stream whose FIB starts with `ident` (0xA5EC: Word 97 on) and has `flags` at offset 10
 * (0x0100: encrypted, needing a password to open), and a table stream.
 */
import { burn } from '@kenjiuno/msgreader/lib/Burner';
import { TypeEnum } from '@kenjiuno/msgreader/lib/Reader';

export function wordBinary(ident: number, flags: number, streamName = 'WordDocument'): Uint8Array {
  const fib = new Uint8Array(1024);
  fib.set([ident & 0xff, ident >> 8, 0xc1, 0x00], 0);
  fib.set([flags & 0xff, flags >> 8], 10);
  type Entry = Parameters<typeof burn>[0][number];
  const stream = (name: string, bytes: Uint8Array): Entry => {
    const data = Array.from(bytes);
    return { name, type: TypeEnum.DOCUMENT, binaryProvider: () => data, length: data.length };
  };
  return burn([
    { name: 'Root Entry', type: TypeEnum.ROOT, length: 0, children: [1, 2] },
    stream(streamName, fib),
    stream('1Table', new Uint8Array(512)),
  ]);
}
