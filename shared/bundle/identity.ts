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

export const FINGERPRINT_PATTERN = /\b([0-9A-F]{4}-[0-9A-F]{4})\b/;

/** The line printed on the cover and index pages. */
export function identityLine(fingerprint: string, version: number, pageCount: number): string {
  return `Bundle ${fingerprint} · version ${version} · ${pageCount} ${pageCount === 1 ? 'page' : 'pages'}`;
}

/** Every character an identity line can use: registered in the bundle font before the fingerprint is known. */
export const IDENTITY_ALPHABET = 'Bundle 0123456789ABCDEF-· version pages';

interface PrintedIdentity {
  fingerprint: string;
  version: number | null;
  pageCount: number | null;
}

/** Reads "Bundle 7F3A-92C1 · version 2 · 115 pages" (in any spacing) out of a page's text; null if absent. */
export function readIdentityLine(text: string): PrintedIdentity | null {
  const m = /Bundle\s+([0-9A-F]{4}-[0-9A-F]{4})(?:\s*·\s*version\s+(\d+))?(?:\s*·\s*(\d+)\s+pages?)?/.exec(
    text,
  );
  const [, fingerprint, version, pages] = m ?? [];
  if (!fingerprint) return null;
  return {
    fingerprint,
    version: version ? Number(version) : null,
    pageCount: pages ? Number(pages) : null,
  };
}

/** Keys of the document information dictionary the identity is kept under. */
export const IDENTITY_INFO_KEYS = {
  fingerprint: 'BundleFingerprint',
  digest: 'BundleContentDigest',
  version: 'BundleVersion',
} as const;
