/**
 * Bundle references typed in letters and statements (#19): `[EP report p.3]` or `[EP report pp.3-5]`
 * names a case document by its title and pages of it; with a bundle built, it becomes the bundle pages
 * those are ("EP report p.3 (D14)"). Built again, the same words give the new pages.
 */
const BUNDLE_REFERENCE = /\[([^[\]]{1,200}?)\s+(pp?)\.?\s*(\d{1,4})(?:\s*[-–]\s*(\d{1,4}))?\]/g;

export interface ReferenceSources {
  documents: { id: number; title: string }[];
  /** The latest bundle's pages (none before a bundle is built). */
  pages: { label: string; documentId?: number; sourcePage?: number }[];
}

function findDocument(name: string, documents: ReferenceSources['documents']) {
  const wanted = name.trim().toLowerCase();
  const exact = documents.filter((d) => d.title.trim().toLowerCase() === wanted);
  if (exact.length === 1) return exact[0];
  const partial = documents.filter((d) => d.title.toLowerCase().includes(wanted));
  return partial.length === 1 ? partial[0] : null;
}

/** The text with each reference made a bundle page reference, and the references that could not be. */
export function resolveBundleReferences(
  text: string,
  sources: ReferenceSources,
): { text: string; unresolved: string[] } {
  const unresolved: string[] = [];
  const out = text.replace(BUNDLE_REFERENCE, (whole, name: string, p: string, from: string, to?: string) => {
    const doc = findDocument(name, sources.documents);
    const first = Number(from);
    const last = to ? Number(to) : first;
    const labels = doc
      ? sources.pages
          .filter(
            (pg) =>
              pg.documentId === doc.id &&
              pg.sourcePage !== undefined &&
              pg.sourcePage >= first - 1 &&
              pg.sourcePage <= last - 1,
          )
          .map((pg) => pg.label)
      : [];
    if (!doc || !labels.length || last < first) {
      unresolved.push(whole);
      return whole;
    }
    const pages = labels.length === 1 ? labels[0] : `${labels[0]}–${labels[labels.length - 1]}`;
    return `${name.trim()} ${p}.${from}${to ? `–${to}` : ''} (${pages})`;
  });
  return { text: out, unresolved };
}
