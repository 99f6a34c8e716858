/**
 * Whether a GIF frame's picture data is an LZW stream no decoder can go round in circles on. omggif's
 * decoder (pictures.ts) does not empty its table at a clear code and takes any code: a code past the next
 * entry made it build an entry on an earlier one, whose chain could lead back to itself, and it looped
 * until the import's 3-minute limit (npm run fuzz --kinds pictures, seed 9: a GIF with 14 bytes changed).
 * In a sound stream every code is at most the next entry, and the first after a reset is a colour; then
 * every entry's chain runs down to a colour.
 */

/** The frame's data at `offset`: its minimum code size, then sub-blocks of codes, least significant bit first. */
export function gifLzwIsSound(data: Uint8Array, offset: number): boolean {
  let p = offset;
  const minimum = data[p++];
  if (minimum === undefined || minimum < 1 || minimum > 11) return false;
  const clear = 1 << minimum;
  const end = clear + 1;
  let next = end + 1;
  let width = minimum + 1;
  let previous = -1;
  let left = data[p++] ?? 0; // bytes left in this sub-block
  let bits = 0;
  let count = 0;
  for (;;) {
    while (count < width && left > 0 && p < data.length) {
      bits |= data[p++] << count;
      count += 8;
      if (--left === 0) left = data[p++] ?? 0;
    }
    // The data ends without an end code: decoders stop there.
    if (count < width) return true;
    const code = bits & ((1 << width) - 1);
    bits >>>= width;
    count -= width;
    if (code === clear) {
      next = end + 1;
      width = minimum + 1;
      previous = -1;
      continue;
    }
    if (code === end) return true;
    if (previous === -1 ? code >= clear : code > next) return false;
    if (previous !== -1 && next < 4096) {
      next++;
      if (next >= 1 << width && width < 12) width++;
    }
    previous = code;
  }
}
