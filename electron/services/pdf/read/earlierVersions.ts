/**
 * Pages an edit saved over without taking what it removed out of the file. A PDF editor that saves by
 * appending (an incremental update, ISO 32000-2 7.5.6: Acrobat's "Save", form fillers, many annotators)
 * writes a page's new drawing after the old one and leaves the old one in the file: anyone can recover what
 * the page showed before. A page counts when its earlier drawing (the page as the save before defined it,
 * each content stream as it was) shows words its drawing now does not, or drew a picture it no longer draws
 * or drew other data in (a scan redacted by replacing its picture); a form it draws likewise, one deep. An edit that only adds (annotations, a
 * filled form, a signature, a stamp drawn over the page) leaves nothing of that kind. Not read for an
 * encrypted file.
 */
import { ContentTextReader } from './contentText';
import type { PdfReader } from './document';
import { isDict, isName, isRef, PdfDict, PdfStream, type PdfRef, type PdfValue } from './objects';
import { pagesWhere, type PdfPage } from './pages';

/** The entries of a page's /Contents (references, or streams), as listed. */
function contentItems(reader: PdfReader, page: PdfDict): PdfValue[] {
  const contents = page.get('Contents');
  // A reference to an array of streams, or to the one stream (kept as the reference).
  const list =
    isRef(contents) && Array.isArray(reader.resolve(contents)) ? reader.resolve(contents) : contents;
  return Array.isArray(list) ? list : list === undefined ? [] : [list];
}

/** The pictures a page's resources name, by reference. */
function pictureRefs(reader: PdfReader, resources: PdfDict | null): PdfRef[] {
  const refs: PdfRef[] = [];
  for (const value of reader.getDict(resources, 'XObject')?.map.values() ?? [])
    if (isRef(value) && isName(reader.get(reader.resolve(value) as PdfDict, 'Subtype'), 'Image'))
      refs.push(value);
  return refs;
}

/** The forms a page's resources name, by reference. */
function formRefs(reader: PdfReader, resources: PdfDict | null): PdfRef[] {
  const refs: PdfRef[] = [];
  for (const value of reader.getDict(resources, 'XObject')?.map.values() ?? [])
    if (isRef(value) && isName(reader.get(reader.resolve(value) as PdfDict, 'Subtype'), 'Form'))
      refs.push(value);
  return refs;
}

/** Whether an earlier definition of a stream holds other data than the one in use. */
function streamChanged(reader: PdfReader, ref: PdfRef): boolean {
  const before = reader.earlierVersion(ref);
  const now = reader.resolve(ref);
  if (!(before instanceof PdfStream) || !(now instanceof PdfStream)) return before !== undefined;
  return reader.encodedDigest(before) !== reader.encodedDigest(now);
}

/**
 * The words a page shows (letters and digits, any case), and all of them run together; null when our reader
 * cannot be sure of them (fonts only pdf.js reads): then nothing is said of the page.
 */
function wordsOf(text: ContentTextReader, page: PdfPage): { words: Set<string>; joined: string } | null {
  const read = text.read(page);
  if (read.uncertain) return null;
  const words = read.items.flatMap((item) => item.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  return { words: new Set(words), joined: words.join('') };
}

/** Whether the earlier drawing shows a word the page no longer shows anywhere (spacing apart). */
function wordsTakenOut(before: ReturnType<typeof wordsOf>, now: ReturnType<typeof wordsOf>): boolean {
  if (!before || !now) return false;
  for (const word of before.words) if (!now.words.has(word) && !now.joined.includes(word)) return true;
  return false;
}

export class EarlierVersionFinder {
  private readonly text: ContentTextReader;

  constructor(private readonly reader: PdfReader) {
    this.text = new ContentTextReader(reader);
  }

  /** Whether the page's earlier version, still in the file, shows what the page no longer does. */
  page(page: PdfPage): boolean {
    const { reader } = this;
    const earlierPage = page.ref ? reader.earlierVersion(page.ref) : undefined;
    const base = isDict(earlierPage) ? earlierPage : page.dict;
    const earlierResources = isDict(earlierPage) ? reader.getDict(earlierPage, 'Resources') : page.resources;
    // A picture drawn before and not now, or drawn before with other data.
    const picturesNow = new Set(pictureRefs(reader, page.resources).map((ref) => ref.key));
    const earlierPictures = pictureRefs(reader, earlierResources ?? page.resources);
    if (
      earlierPictures.some(
        (ref) => !picturesNow.has(ref.key) || (reader.hasEarlierVersion(ref) && streamChanged(reader, ref)),
      )
    )
      return true;
    // A form the page draws (a bundle draws each document's page as one) defined again: its words then and now.
    for (const ref of formRefs(reader, page.resources)) {
      if (!reader.hasEarlierVersion(ref) || !streamChanged(reader, ref)) continue;
      const [then, now] = [reader.earlierVersion(ref), reader.resolve(ref)];
      if (!(then instanceof PdfStream) || !(now instanceof PdfStream)) return true;
      const drawing = (form: PdfStream): PdfPage => ({
        ...page,
        dict: new PdfDict(new Map([['Contents', [form]]])),
        resources: reader.getDict(form, 'Resources') ?? page.resources,
      });
      if (wordsTakenOut(wordsOf(this.text, drawing(then)), wordsOf(this.text, drawing(now)))) return true;
    }
    // The earlier drawing: the earlier page's content streams, each as it was.
    let changed = false;
    const contentsNow = new Set(
      contentItems(reader, page.dict)
        .filter(isRef)
        .map((ref) => ref.key),
    );
    const earlierContents = contentItems(reader, base).map((item) => {
      if (!isRef(item)) return item;
      if (!contentsNow.has(item.key)) changed = true;
      if (!reader.hasEarlierVersion(item) || !streamChanged(reader, item)) return item;
      changed = true;
      return reader.earlierVersion(item) ?? item;
    });
    if (!changed) return false;
    const earlierDict = new PdfDict(new Map([...base.map, ['Contents', earlierContents]]));
    const before = wordsOf(this.text, {
      ...page,
      dict: earlierDict,
      resources: earlierResources ?? page.resources,
    });
    return wordsTakenOut(before, wordsOf(this.text, page));
  }
}

/** The pages (1-based) of `pages` whose earlier version is still in the file; a page that cannot be read is passed over. */
export function pagesWithEarlierVersions(
  reader: PdfReader,
  pages: readonly PdfPage[],
  signal?: AbortSignal,
): number[] {
  if (reader.encrypted) return [];
  const finder = new EarlierVersionFinder(reader);
  return pagesWhere(pages, (page) => finder.page(page), signal);
}
