/** The TrueType font a WOFF 1.0 file wraps (throws for anything else). */
export function woffToTtf(woff: Uint8Array): Buffer;
