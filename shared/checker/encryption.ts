/**
 * A PDF's encryption in words, for the checker's finding and for comparing two copies: one description, so
 * a copy is never called restricted by one and not by the other. An encrypted file that opens without a
 * password can still tell readers not to print it, copy its text or add notes (its permission flags).
 */

/** What an encrypted file's permission flags stop readers doing. */
export interface PdfRestrictions {
  print: boolean;
  copy: boolean;
  annotate: boolean;
}

/** Whether a PDF is encrypted and, if it is, what it stops (null: its flags cannot be read). */
export type PdfEncryption = { encrypted: false } | { encrypted: true; restrictions: PdfRestrictions | null };

/** "printing it, copying its text and adding notes"; null when it stops nothing or its flags are unknown. */
export function whatItStops(restrictions: PdfRestrictions | null): string | null {
  if (!restrictions) return null;
  const stopped = [
    restrictions.print ? 'printing it' : null,
    restrictions.copy ? 'copying its text' : null,
    restrictions.annotate ? 'adding notes' : null,
  ].filter((s): s is string => s !== null);
  const last = stopped.pop();
  if (last === undefined) return null;
  return stopped.length ? `${stopped.join(', ')} and ${last}` : last;
}

/** What follows "[the file] is": "not encrypted", "encrypted: it opens without a password but stops …". */
export function describeEncryption(encryption: PdfEncryption): string {
  if (!encryption.encrypted) return 'not encrypted';
  const { restrictions } = encryption;
  if (!restrictions)
    return 'encrypted: it opens without a password but may stop people copying, printing or adding notes';
  const stops = whatItStops(restrictions);
  return stops
    ? `encrypted: it opens without a password but stops people ${stops}`
    : 'encrypted, though it opens without a password and allows printing, copying and notes';
}
