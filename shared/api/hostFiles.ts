/**
 * Files the app shows or hands to the user: a stored document (for the preview), a built bundle, a saved
 * letter. The renderer asks its host for a URL for one of these; each host (the Electron protocol, the
 * browser bridge) puts its own prefix in front of the same path and resolves it back with
 * `parseHostFilePath`. A file is only ever named by a content hash or a database id, never by a path on
 * disk, so no URL can reach an arbitrary file.
 */
export type LetterFormat = 'pdf' | 'docx';

export type HostFile =
  | { kind: 'document'; sha256: string }
  | { kind: 'bundle'; id: number }
  /** A file made from a built version for sending it: its supplementary pack or a delivery part. */
  | { kind: 'bundleFile'; id: number }
  | { kind: 'letter'; id: number; format: LetterFormat };

const SHA256 = /^[0-9a-f]{64}$/;
const ID = /^[1-9][0-9]{0,14}$/;

/** `document/<sha256>`, `bundle/<id>`, `bundlefile/<id>`, `letter/<id>/<pdf|docx>`. */
export function hostFilePath(file: HostFile): string {
  switch (file.kind) {
    case 'document':
      return `document/${file.sha256}`;
    case 'bundle':
      return `bundle/${file.id}`;
    case 'bundleFile':
      return `bundlefile/${file.id}`;
    case 'letter':
      return `letter/${file.id}/${file.format}`;
  }
}

/** The inverse of `hostFilePath`; anything else (including `..`, extra parts, bad hashes) is null. */
export function parseHostFilePath(path: string): HostFile | null {
  const parts = path.replace(/^\/+/, '').split('/');
  if (parts[0] === 'document' && parts.length === 2 && SHA256.test(parts[1])) {
    return { kind: 'document', sha256: parts[1] };
  }
  if (parts[0] === 'bundle' && parts.length === 2 && ID.test(parts[1])) {
    return { kind: 'bundle', id: Number(parts[1]) };
  }
  if (parts[0] === 'bundlefile' && parts.length === 2 && ID.test(parts[1])) {
    return { kind: 'bundleFile', id: Number(parts[1]) };
  }
  if (
    parts[0] === 'letter' &&
    parts.length === 3 &&
    ID.test(parts[1]) &&
    (parts[2] === 'pdf' || parts[2] === 'docx')
  ) {
    return { kind: 'letter', id: Number(parts[1]), format: parts[2] };
  }
  return null;
}
