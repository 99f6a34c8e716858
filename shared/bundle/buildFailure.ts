/**
 * When one document stops a bundle from being built (a bug: import checks every page the way the build
 * prepares it), the error names it and carries it in `details.blockingDocuments`, so the bundle screen
 * can offer to build without it (BundleSettings.leaveOut).
 */
export interface BlockingDocument {
  documentId: number;
  /** Its tab in the bundle, e.g. "C3". */
  tab: string;
  title: string;
}

/** The documents an error's details name as stopping the build (none for any other error). */
export function blockingDocuments(details: unknown): BlockingDocument[] {
  const list = (details as { blockingDocuments?: unknown } | null | undefined)?.blockingDocuments;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (d): d is BlockingDocument =>
      typeof d === 'object' &&
      d !== null &&
      Number.isInteger((d as BlockingDocument).documentId) &&
      typeof (d as BlockingDocument).tab === 'string' &&
      typeof (d as BlockingDocument).title === 'string',
  );
}

/** "document C3, “School report”" / "documents C3, “School report” and D1, “Letter”". */
export function describeBlocking(documents: BlockingDocument[]): string {
  const names = documents.map((d) => `${d.tab}, “${d.title}”`);
  const list =
    names.length > 1 ? `${names.slice(0, -1).join('; ')} and ${names[names.length - 1]}` : names[0];
  return `${documents.length === 1 ? 'document' : 'documents'} ${list}`;
}
