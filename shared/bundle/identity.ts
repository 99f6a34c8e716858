/**
 * A bundle's identity as people read it: a short fingerprint of its pages' content ("7F3A-92C1"), printed
 * on the cover and the index pages ("Bundle 7F3A-92C1 · version 2 · 115 pages") and kept in the PDF's
 * document information. The fingerprint is the first 32 bits of the content digest defined in
 * docs/fingerprint.md (electron/services/pdf/read/digest.ts computes it): two copies with the same
 * fingerprint show the same pages; a changed page changes it.
 */

/** "7F3A92C1…" (hex digest) → "7F3A-92C1". */
export function shortFingerprint(digest: string): string {
  const hex = digest.slice(0, 8).toUpperCase();
  return `${hex.slice(0, 4)}-${hex.slice(4, 8)}`;
}

/** The line printed on the cover and index pages. */
export function identityLine(fingerprint: string, version: number, pageCount: number): string {
  return `Bundle ${fingerprint} · version ${version} · ${pageCount} ${pageCount === 1 ? 'page' : 'pages'}`;
}

/** Every character an identity line can use: registered in the bundle font before the fingerprint is known. */
export const IDENTITY_ALPHABET = 'Bundle 0123456789ABCDEF-· version pages';

/** Keys of the document information dictionary the identity is kept under. */
export const IDENTITY_INFO_KEYS = {
  fingerprint: 'BundleFingerprint',
  digest: 'BundleContentDigest',
  version: 'BundleVersion',
} as const;
