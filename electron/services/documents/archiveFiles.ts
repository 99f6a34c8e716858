/**
 * A zip archive of files (a folder downloaded from Google Drive or OneDrive, reports a council sent zipped):
 * it is no document itself, so the files in it bundles can hold are taken out and added one by one after it,
 * in name order, as a saved email's attached files are; the rest are named with why. A chat exported from
 * WhatsApp is a zip too, with its chat as the document (chatExport.ts); both take files out the same way.
 */
import { formatSize, LIMITS } from '../../../shared/limits';
import { compareNames } from '../../../shared/text/nameOrder';
import { MAX_TAKEN_FILES_OF_BYTES, notTakenBecause, quotedList } from './attachments';
import { sniffFileType } from './sniff';
import { decodeHtml, pictureSources } from './webPage';
import { MAX_ZIP_ENTRIES, zipEntries, zipEntryData, zipEntryHead, type ZipEntry } from './zipArchive';

/** Files taken out of one archive, at most: a folder of evidence has tens. */
export const MAX_FROM_ARCHIVE = 100;

export interface ArchiveFiles {
  taken: { name: string; bytes: Uint8Array<ArrayBuffer> }[];
  /** `inPage`: a picture a web page in the archive shows, part of that page rather than left out of the case. */
  left: { name: string; because: string; inPage?: true }[];
  /** Files the archive lists beyond those read (MAX_ZIP_ENTRIES). */
  unread: number;
}

export const baseName = (path: string) => path.split('/').pop() ?? path;

/**
 * What a computer adds to an archive of its own accord: a Mac's hidden files and its `__MACOSX` copies of
 * each file's extra data, Windows' thumbnails and folder settings. Not the sender's files: not named.
 */
function addedByTheComputer(path: string): boolean {
  const name = baseName(path);
  return name.startsWith('.') || /(^|\/)__MACOSX\//.test(path) || /^(thumbs\.db|desktop\.ini)$/i.test(name);
}

/** The sender's files in the archive, in name order, without those the computer added. */
export function filesInArchive(entries: ZipEntry[], except?: ZipEntry): ZipEntry[] {
  return entries
    .filter((e) => e !== except && !addedByTheComputer(e.path))
    .sort((a, b) => compareNames(baseName(a.path), baseName(b.path)) || compareNames(a.path, b.path));
}

/** Takes the files bundles can hold out of an archive. Throws ZipDamaged. */
export function readArchiveFiles(bytes: Uint8Array): ArchiveFiles {
  const { entries, unread } = zipEntries(bytes);
  const result: ArchiveFiles = { taken: [], left: [], unread };
  const files = filesInArchive(entries);
  const pictures = picturesOfPages(bytes, files);
  takeFilesOut(
    bytes,
    files.filter((entry) => !pictures.has(entry)),
    result,
    MAX_FROM_ARCHIVE,
    { pages: true },
  );
  for (const { page, picture } of pictures.values())
    result.left.push({
      name: picture,
      because: `is a picture in the web page “${page}”, not a document of its own`,
      inPage: true,
    });
  return result;
}

/**
 * The pictures a web page in the archive shows (a Google Docs document downloaded as "Web page (.html,
 * zipped)", a page saved "complete" and zipped): part of the page, not evidence of their own. Each with the
 * page's name and its own.
 */
function picturesOfPages(
  bytes: Uint8Array,
  files: ZipEntry[],
): Map<ZipEntry, { page: string; picture: string }> {
  const byPath = new Map(files.map((entry) => [entry.path.toLowerCase(), entry]));
  const found = new Map<ZipEntry, { page: string; picture: string }>();
  for (const page of files) {
    if (!/\.x?html?$/i.test(page.path)) continue;
    const head = zipEntryHead(bytes, page);
    if (!head || sniffFileType(head).kind !== 'web-page') continue;
    const data = zipEntryData(bytes, page, LIMITS.webPageBytes);
    if ('because' in data) continue;
    const folder = page.path.split('/').slice(0, -1);
    for (const source of pictureSources(decodeHtml(data.bytes))) {
      const path = pathInArchive(folder, source);
      const picture = path === null ? undefined : byPath.get(path.toLowerCase());
      if (picture && picture !== page && !found.has(picture))
        found.set(picture, { page: baseName(page.path), picture: baseName(picture.path) });
    }
  }
  return found;
}

/** A page's reference to a file beside it ("images/a.png", "./a_files/b.jpg", "../c.gif") as a path in the archive; null for a web address or one outside it. */
function pathInArchive(folder: string[], source: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(source) || source.startsWith('/')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(source.split(/[?#]/)[0]);
  } catch {
    return null;
  }
  const parts = [...folder];
  for (const part of decoded.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

/** Takes each file out into `into.taken`, or names it in `into.left` with why (at most `maxTaken` taken). */
export function takeFilesOut(
  bytes: Uint8Array,
  files: ZipEntry[],
  into: Pick<ArchiveFiles, 'taken' | 'left'>,
  maxTaken: number,
  /** `pages`: take web pages too (an archive's page is a document; an email's is more often itself). */
  { pages = false }: { pages?: boolean } = {},
): void {
  let takenBytes = 0;
  const names = namesToShow(files);
  for (const entry of files) {
    const name = names.get(entry) ?? baseName(entry.path);
    const because = takeOut(bytes, entry, name, into, takenBytes, maxTaken, pages);
    if (typeof because === 'number') takenBytes += because;
    else into.left.push({ name, because });
  }
}

/**
 * Each file's name, as the document it becomes is titled: its own, or for files of one name in different
 * folders ("2024/Annual review.pdf", "2025/Annual review.pdf") with as many of its folders as tell them
 * apart: "Annual review (2024).pdf".
 */
export function namesToShow(files: ZipEntry[]): Map<ZipEntry, string> {
  const byName = new Map<string, ZipEntry[]>();
  for (const entry of files) {
    const key = baseName(entry.path).toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), entry]);
  }
  const names = new Map<ZipEntry, string>();
  for (const same of byName.values()) {
    if (same.length < 2) continue;
    const folders = same.map((entry) => entry.path.split('/').slice(0, -1));
    const deepest = Math.max(...folders.map((f) => f.length));
    let depth = 1;
    const shown = (f: string[]) => f.slice(-depth).join('/');
    while (depth < deepest && new Set(folders.map(shown)).size < same.length) depth++;
    same.forEach((entry, i) => {
      const folder = shown(folders[i]);
      if (!folder) return;
      const name = baseName(entry.path);
      const dot = name.lastIndexOf('.');
      names.set(
        entry,
        dot > 0 ? `${name.slice(0, dot)} (${folder})${name.slice(dot)}` : `${name} (${folder})`,
      );
    });
  }
  return names;
}

/** Takes one file out (returning its size), or says why it was left. */
function takeOut(
  bytes: Uint8Array,
  entry: ZipEntry,
  name: string,
  into: Pick<ArchiveFiles, 'taken'>,
  takenBytes: number,
  maxTaken: number,
  pages: boolean,
): number | string {
  if (into.taken.length >= maxTaken) return `was not taken out: only the first ${maxTaken} files are`;
  if (takenBytes + entry.size > MAX_TAKEN_FILES_OF_BYTES * LIMITS.importBytes)
    return `was not taken out: the files taken out came to ${formatSize(takenBytes)} already`;
  // What it is, from its first bytes: only a file bundles can hold is unpacked whole. (Not a zip, such as a
  // Word file, which is told by the names throughout it.)
  const head = zipEntryHead(bytes, entry);
  const zip = head?.[0] === 0x50 && head[1] === 0x4b;
  const page = pages && head !== null && sniffFileType(head).kind === 'web-page';
  const kindOfFile = head && !zip && !page && notTakenBecause(head, name);
  if (kindOfFile) return kindOfFile;
  const data = zipEntryData(bytes, entry, LIMITS.importBytes);
  if ('because' in data) return data.because;
  // An archive in the archive is left for the user to open: unpacked in turn, a few kilobytes of archives
  // inside archives could queue thousands of files.
  if (zip && sniffFileType(data.bytes).kind === 'archive')
    return 'is a zip archive inside it: open it, and add the files in it';
  const because = page ? null : notTakenBecause(data.bytes, name);
  if (because) return because;
  into.taken.push({ name, bytes: data.bytes });
  return data.bytes.length;
}

/** "“a.jpg”, “b.pdf” were added as documents of their own, after it." */
export function takenSentence(taken: { name: string }[]): string {
  return `${quotedList(
    taken.map((f) => f.name),
    0,
  )} ${taken.length === 1 ? 'was added as a document of its own' : 'were added as documents of their own'}, after it.`;
}

/** What became of the files left in an archive, and where to look for them: sentences for a note. */
export function leftInArchiveSentences(
  found: Pick<ArchiveFiles, 'unread'> & { left: { name: string; because: string; inPage?: true }[] },
): string[] {
  const { left, unread } = found;
  const parts: string[] = [];
  for (const f of left.slice(0, 5)) parts.push(`“${f.name}” ${f.because}.`);
  if (left.length > 5) parts.push(`${left.length - 5} more ${left.length === 6 ? 'was' : 'were'} not added.`);
  if (unread)
    parts.push(
      `The archive lists ${unread} more files than the ${MAX_ZIP_ENTRIES.toLocaleString('en-GB')} that are read; they were not added.`,
    );
  if (left.some((f) => !f.inPage) || unread)
    parts.push('Open the archive to find any of these that is evidence, and add it.');
  return parts;
}

/** What import did with an archive: the note its outcome shows. */
export function archiveNote(found: ArchiveFiles): string {
  const { taken } = found;
  const parts = [
    'It is a zip archive: a bundle holds documents, not archives, so the files in it are added instead.',
  ];
  parts.push(taken.length ? takenSentence(taken) : 'None of its files could be added.');
  parts.push(...leftInArchiveSentences(found));
  return parts.join(' ');
}
