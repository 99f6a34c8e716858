/**
 * What counts as active content in a PDF: anything a reader runs, launches, submits or opens when the
 * document, a page or an annotation is opened or clicked. One definition for the bundle (which removes
 * it from every page it copies: bundle/activeContent.ts) and the checker (which reports it in any bundle:
 * checker/activeContent.ts).
 */

/** Annotations that carry, play or run something. */
export const ACTIVE_ANNOTATIONS = new Set(['FileAttachment', 'Sound', 'Movie', 'Screen', 'RichMedia', '3D']);

/** Reader commands a link may keep (page turning). */
const SAFE_NAMED_ACTIONS = new Set(['NextPage', 'PrevPage', 'FirstPage', 'LastPage']);
const SAFE_URI = /^(https?|mailto|tel):/i;

/**
 * Whether an action (by its /S type, and for URI and Named actions their target) is safe in a bundle:
 * going to a place in the same document, turning pages, or opening a web or mail link. Everything else
 * (JavaScript, Launch, ImportData, SubmitForm, ResetForm, GoToR, GoToE, Rendition, Sound, Movie …) is not.
 * Returns null when safe, else a short name for what it is.
 */
export function unsafeAction(
  kind: string | null,
  detail: { uri?: string | null; named?: string | null } = {},
): string | null {
  switch (kind) {
    case 'GoTo':
      return null;
    case 'URI': {
      const uri = (detail.uri ?? '').trim();
      if (SAFE_URI.test(uri)) return null;
      return /^javascript:/i.test(uri) ? 'JavaScript' : 'a link to a file or program';
    }
    case 'Named':
      return SAFE_NAMED_ACTIONS.has(detail.named ?? '') ? null : 'a reader command';
    default:
      return kind ?? 'an unknown action';
  }
}
