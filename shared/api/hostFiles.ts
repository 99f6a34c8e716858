/**
 * Files the app shows or hands to the user: a stored document (for the preview), a built bundle, a saved
 * letter. The renderer asks its host for a URL for one of these; each host (the Electron protocol, the
 * browser bridge) puts its own prefix in front of the same path and resolves it back with
 * `parseHostFilePath`. A file is only ever named by a content hash, a database id, or (for the reports and
 * case exports the app wrote into its own folders) a plain file name that the host looks for in that one
 * folder and nowhere else — never by a path on disk, so no URL can reach an arbitrary file.
 */
type LetterFormat = 'pdf' | 'docx';
type ReportFormat = 'pdf' | 'json';

export type HostFile =
  | { kind: 'document'; sha256: string }
  | { kind: 'bundle'; id: number }
  /** A file made from a built version for sending it: its supplementary pack or a delivery part. */
  | { kind: 'bundleFile'; id: number }
  | { kind: 'letter'; id: number; format: LetterFormat }
  /** A check report in the data folder's reports/: its name without the extension. */
  | { kind: 'report'; name: string; format: ReportFormat }
  /** A case export (.zip) in the data folder's exports/. */
  | { kind: 'export'; fileName: string };

/**
 * A plain file name: no folder, no "..", nothing hidden, no control characters, and not too long. Names
 * travel hex-encoded in the URL (so the path stays plain ASCII), and are checked again when read back.
 */
function isPlainFileName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= 200 &&
    !name.startsWith('.') &&
    // eslint-disable-next-line no-control-regex
    !/[/\\\u0000-\u001f\u007f<>:"|?*]/.test(name) &&
    name.trim() === name
  );
}

function toHex(text: string): string {
  return [...new TextEncoder().encode(text)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function fromHex(hex: string): string | null {
  if (!/^(?:[0-9a-f]{2}){1,400}$/.test(hex)) return null;
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

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
    case 'report':
      return `report/${toHex(file.name)}/${file.format}`;
    case 'export':
      return `export/${toHex(file.fileName)}`;
  }
}

/** The inverse of `hostFilePath`; anything else (including `..`, extra parts, bad hashes) is null. */
export function parseHostFilePath(path: string): HostFile | null {
  const parts = path.replace(/^\/+/, '').split('/');
  const [kind, first = '', second = ''] = parts;
  if (kind === 'document' && parts.length === 2 && SHA256.test(first)) {
    return { kind: 'document', sha256: first };
  }
  if (kind === 'bundle' && parts.length === 2 && ID.test(first)) {
    return { kind: 'bundle', id: Number(first) };
  }
  if (kind === 'bundlefile' && parts.length === 2 && ID.test(first)) {
    return { kind: 'bundleFile', id: Number(first) };
  }
  if (kind === 'letter' && parts.length === 3 && ID.test(first) && (second === 'pdf' || second === 'docx')) {
    return { kind: 'letter', id: Number(first), format: second };
  }
  if (kind === 'report' && parts.length === 3 && (second === 'pdf' || second === 'json')) {
    const name = fromHex(first);
    if (name !== null && isPlainFileName(name)) return { kind: 'report', name, format: second };
  }
  if (kind === 'export' && parts.length === 2) {
    const fileName = fromHex(first);
    if (fileName !== null && isPlainFileName(fileName) && fileName.toLowerCase().endsWith('.zip'))
      return { kind: 'export', fileName };
  }
  return null;
}
