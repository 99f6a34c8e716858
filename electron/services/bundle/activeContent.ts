/**
 * Makes a source document's pages safe to copy into a bundle, working on the source (loaded for this build
 * only) before its pages are copied, so nothing unsafe is ever copied:
 * - page actions (/AA) and article beads go;
 * - annotations that carry or play files (file attachments, sound, movie, screen, rich media, 3D) go; what
 *   a reader shows in place of a sound, video or 3D model (its appearance) is drawn into the page;
 * - every other annotation loses its own actions (/AA) and any action that runs something or reaches
 *   outside the bundle (JavaScript, Launch, ImportData, SubmitForm, ResetForm, GoToR, GoToE and the rest):
 *   web and mail links, page-turning and links within the document stay, the last written again with their
 *   bundle pages once copied (sourceDestinations.ts); a link left with nowhere to go goes too, what it
 *   draws (its appearance) drawn into the page;
 * - form fields are flattened: each visible field's appearance is drawn into the page, as a reader showed
 *   it, and the field goes (with its scripts and its place in the form).
 * Document-level content (OpenAction, document JavaScript, embedded files, XFA, the form itself) lives in
 * the catalog, which a bundle never copies.
 */
import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFStream,
  PDFString,
  type PDFContext,
  type PDFDocument,
  type PDFObject,
  type PDFPage,
} from '@cantoo/pdf-lib';
import { ACTIVE_ANNOTATIONS, unsafeAction } from '../pdf/activeContent';
import { IDENTITY, transformBox, type Box, type Matrix } from './pageBoxes';
import { lookupDict, type SourceDestinations, type SourceTarget } from './sourceDestinations';

const MAX_ACTION_CHAIN = 32;

/** Annotation flags (ISO 32000-1, 12.5.3). */
const HIDDEN = 2;
const NO_VIEW = 32;

export interface LinkToRewrite {
  /** Position in the page's /Annots after cleaning (copying keeps the order). */
  annotIndex: number;
  target: SourceTarget;
}

export interface ActiveContentReport {
  /** Per source page: the links to point at bundle pages once copied. */
  links: LinkToRewrite[][];
  /** What was taken out, by kind (an action type, an annotation type, "page actions"), with counts. */
  removed: Record<string, number>;
  /** Form fields drawn into their pages. */
  flattenedFields: number;
}

const name = (key: string) => PDFName.of(key);

function lookup(context: PDFContext, value: PDFObject | undefined): PDFObject | undefined {
  try {
    return value instanceof PDFRef ? context.lookup(value) : value;
  } catch {
    return undefined;
  }
}

function nameOf(context: PDFContext, value: PDFObject | undefined): string | null {
  const found = lookup(context, value);
  return found instanceof PDFName ? found.decodeText() : null;
}

function numbersOf(context: PDFContext, value: PDFObject | undefined): number[] | null {
  const array = lookup(context, value);
  if (!(array instanceof PDFArray)) return null;
  const numbers: number[] = [];
  for (let i = 0; i < array.size(); i++) {
    const n = lookup(context, array.get(i));
    if (!(n instanceof PDFNumber) || !Number.isFinite(n.asNumber())) return null;
    numbers.push(n.asNumber());
  }
  return numbers;
}

function rectOf(context: PDFContext, value: PDFObject | undefined): Box | null {
  const n = numbersOf(context, value);
  if (!n || n.length !== 4) return null;
  const box = {
    x0: Math.min(n[0], n[2]),
    y0: Math.min(n[1], n[3]),
    x1: Math.max(n[0], n[2]),
    y1: Math.max(n[1], n[3]),
  };
  return box.x1 > box.x0 && box.y1 > box.y0 ? box : null;
}

function textOf(context: PDFContext, value: PDFObject | undefined): string | null {
  const found = lookup(context, value);
  return found instanceof PDFString || found instanceof PDFHexString ? found.decodeText() : null;
}

class Cleaner {
  readonly removed: Record<string, number> = {};
  flattenedFields = 0;
  private xobjectCounter = 0;
  private readonly actionVerdicts = new Map<PDFDict, boolean>();

  constructor(
    private readonly source: PDFDocument,
    private readonly destinations: SourceDestinations,
  ) {}

  private get context(): PDFContext {
    return this.source.context;
  }

  count(kind: string): void {
    this.removed[kind] = (this.removed[kind] ?? 0) + 1;
  }

  /**
   * Whether an action (with its /Next chain, cleaned in place) is one a bundle may keep. GoTo is kept by the
   * caller as a rewritten destination, so here it counts as unsafe unless it can be rewritten.
   */
  private safeAction(action: PDFDict, depth = 0): boolean {
    // An action is judged once: a /Next array naming the same action twice, level after level, would
    // otherwise be walked 2^32 times. An action met again inside its own chain is not kept there.
    const judged = this.actionVerdicts.get(action);
    if (judged !== undefined) return judged;
    this.actionVerdicts.set(action, false);
    const kind = nameOf(this.context, action.get(name('S')));
    const unsafe =
      kind === 'GoTo'
        ? 'GoTo'
        : unsafeAction(kind, {
            uri: textOf(this.context, action.get(name('URI'))),
            named: nameOf(this.context, action.get(name('N'))),
          });
    if (unsafe) this.count(unsafe);
    this.cleanNext(action, depth);
    this.actionVerdicts.set(action, unsafe === null);
    return unsafe === null;
  }

  /** Keeps only the safe actions of a /Next chain (a dictionary or an array of them). */
  private cleanNext(action: PDFDict, depth: number): void {
    const next = lookup(this.context, action.get(name('Next')));
    if (next === undefined) return;
    if (depth >= MAX_ACTION_CHAIN) {
      action.delete(name('Next'));
      return;
    }
    const candidates = next instanceof PDFArray ? next.asArray() : [action.get(name('Next'))];
    const kept = candidates.filter((item) => {
      const dict = lookupDict(this.context, item);
      return (
        dict !== undefined &&
        nameOf(this.context, dict.get(name('S'))) !== 'GoTo' &&
        this.safeAction(dict, depth + 1)
      );
    });
    if (kept.length === 0) action.delete(name('Next'));
    else action.set(name('Next'), this.context.obj(kept));
  }

  /** Cleans one kept annotation; returns its link target, or 'drop' when nothing useful is left. */
  private cleanAnnotation(annot: PDFDict, subtype: string | null): SourceTarget | 'drop' | null {
    if (annot.has(name('AA'))) {
      annot.delete(name('AA'));
      this.count('annotation actions');
    }
    // The page it belongs to: optional, and copying it would copy the whole source page again.
    annot.delete(name('P'));
    const popup = lookupDict(this.context, annot.get(name('Popup')));
    if (popup) {
      popup.delete(name('P'));
      popup.delete(name('AA'));
      popup.delete(name('A'));
    }
    let target: SourceTarget | null = null;
    if (annot.has(name('Dest'))) {
      target = this.destinations.target(annot.get(name('Dest')));
      annot.delete(name('Dest'));
    }
    const action = lookupDict(this.context, annot.get(name('A')));
    if (action) {
      const goTo = nameOf(this.context, action.get(name('S'))) === 'GoTo';
      if (goTo) {
        target = this.destinations.actionTarget(action);
        annot.delete(name('A'));
      } else if (!this.safeAction(action)) annot.delete(name('A'));
    } else if (annot.has(name('A'))) annot.delete(name('A'));
    if (target) return target;
    if (subtype === 'Link' && !annot.has(name('A'))) return 'drop';
    return null;
  }

  /** The normal appearance a reader draws for a widget (its /AS state where it has several). */
  private appearanceOf(widget: PDFDict): { stream: PDFStream; ref: PDFRef } | null {
    const ap = lookupDict(this.context, widget.get(name('AP')));
    if (!ap) return null;
    let raw = ap.get(name('N'));
    let normal = lookup(this.context, raw);
    if (normal instanceof PDFDict) {
      const state = nameOf(this.context, widget.get(name('AS')));
      raw = state ? normal.get(name(state)) : undefined;
      normal = lookup(this.context, raw);
    }
    if (!(normal instanceof PDFStream)) return null;
    // Streams are always indirect objects; a direct one (invalid) is given a number of its own.
    return { stream: normal, ref: raw instanceof PDFRef ? raw : this.context.register(normal) };
  }

  /**
   * Drawing operators that put an annotation's appearance (a field's, or the still picture a reader shows
   * for a sound or video) where the reader showed it, or '' when it shows nothing.
   */
  flattenAppearance(widget: PDFDict, page: PDFPage): string {
    const flags = lookup(this.context, widget.get(name('F')));
    const f = flags instanceof PDFNumber ? flags.asNumber() : 0;
    if (f & HIDDEN || f & NO_VIEW) return '';
    const rect = rectOf(this.context, widget.get(name('Rect')));
    const found = this.appearanceOf(widget);
    if (!rect || !found) return '';
    const appearance = found.stream;
    const bbox = rectOf(this.context, appearance.dict.get(name('BBox')));
    if (!bbox) return '';
    const m = numbersOf(this.context, appearance.dict.get(name('Matrix')));
    const matrix: Matrix = m && m.length === 6 ? (m as Matrix) : IDENTITY;
    const shown = transformBox(matrix, bbox);
    const sw = shown.x1 - shown.x0;
    const sh = shown.y1 - shown.y0;
    if (!(sw > 0 && sh > 0)) return '';
    // Algorithm 8.1 of ISO 32000-1: the appearance's box, after its matrix, is fitted to the rectangle.
    const a = (rect.x1 - rect.x0) / sw;
    const d = (rect.y1 - rect.y0) / sh;
    const e = rect.x0 - shown.x0 * a;
    const g = rect.y0 - shown.y0 * d;
    appearance.dict.set(name('Type'), name('XObject'));
    appearance.dict.set(name('Subtype'), name('Form'));
    const xobjects = this.resourcesOf(page, 'XObject');
    let key: string;
    do key = `SBField${++this.xobjectCounter}`;
    while (xobjects.has(name(key)));
    xobjects.set(name(key), found.ref);
    const n = (x: number) => String(Math.round(x * 10000) / 10000);
    // An annotation's own opacity (/CA), which readers apply to its whole drawing.
    const opacity = lookup(this.context, widget.get(name('CA')));
    let alpha = '';
    if (opacity instanceof PDFNumber && opacity.asNumber() >= 0 && opacity.asNumber() < 1) {
      const states = this.resourcesOf(page, 'ExtGState');
      let state: string;
      do state = `SBAlpha${++this.xobjectCounter}`;
      while (states.has(name(state)));
      states.set(name(state), this.context.obj({ CA: opacity.asNumber(), ca: opacity.asNumber() }));
      alpha = `/${state} gs `;
    }
    return `q ${alpha}${n(a)} 0 0 ${n(d)} ${n(e)} ${n(g)} cm /${key} Do Q\n`;
  }

  private isWidget(annot: PDFDict, subtype: string | null): boolean {
    return subtype === 'Widget' || (subtype === null && annot.has(name('FT')));
  }

  /** A dictionary of the page's own resources (/XObject, /ExtGState), made if missing (for flattened fields). */
  private resourcesOf(page: PDFPage, kind: 'XObject' | 'ExtGState'): PDFDict {
    const node = page.node;
    let resources = lookupDict(this.context, node.getInheritableAttribute(name('Resources')));
    if (!resources) {
      resources = this.context.obj({});
      node.set(name('Resources'), resources);
    } else if (!node.has(name('Resources'))) node.set(name('Resources'), resources);
    let dict = lookupDict(this.context, resources.get(name(kind)));
    if (!dict) {
      dict = this.context.obj({});
      resources.set(name(kind), dict);
    }
    return dict;
  }

  cleanPage(page: PDFPage): LinkToRewrite[] {
    const node = page.node;
    if (node.has(name('AA'))) {
      node.delete(name('AA'));
      this.count('page actions');
    }
    node.delete(name('B')); // article beads point back into the source's threads and pages
    const links: LinkToRewrite[] = [];
    const annots = lookup(this.context, node.get(name('Annots')));
    if (!(annots instanceof PDFArray)) {
      node.delete(name('Annots'));
      return links;
    }
    // Each annotation in the order readers draw them (later ones over earlier ones): kept as it is, or
    // drawn into the page.
    const entries: { raw: PDFObject; annot: PDFDict; flatten: boolean; target?: SourceTarget }[] = [];
    for (let i = 0; i < annots.size(); i++) {
      const raw = annots.get(i);
      const annot = lookupDict(this.context, raw);
      if (!annot) continue;
      const subtype = nameOf(this.context, annot.get(name('Subtype')));
      if (this.isWidget(annot, subtype)) {
        this.flattenedFields++;
        entries.push({ raw, annot, flatten: true });
        continue;
      }
      if (subtype && ACTIVE_ANNOTATIONS.has(subtype)) {
        this.count(subtype);
        // Sound, video and 3D cannot play in a bundle, but the page keeps what a reader shows in their
        // place (a poster frame, a picture of the model). An attached file's icon goes with the file,
        // which import takes out as a document of its own.
        if (subtype !== 'FileAttachment') entries.push({ raw, annot, flatten: true });
        continue;
      }
      const target = this.cleanAnnotation(annot, subtype);
      // A link with nowhere left to go: what it draws (a button's picture, say) stays on the page.
      if (target === 'drop') entries.push({ raw, annot, flatten: true });
      else entries.push({ raw, annot, flatten: false, target: target ?? undefined });
    }
    const drawnIn = this.drawnUnder(entries);
    const kept = this.context.obj([]);
    let flattenOps = '';
    for (const entry of entries) {
      if (entry.flatten || drawnIn.has(entry.annot)) {
        flattenOps += this.flattenAppearance(entry.annot, page);
        continue;
      }
      // The pop-up of a comment now drawn into the page has nothing left to open from.
      const parent = lookupDict(this.context, entry.annot.get(name('Parent')));
      if (parent && drawnIn.has(parent)) continue;
      if (entry.target) links.push({ annotIndex: kept.size(), target: entry.target });
      kept.push(entry.raw);
    }
    if (kept.size() > 0) node.set(name('Annots'), kept);
    else node.delete(name('Annots'));
    if (flattenOps) this.drawOnTop(page, flattenOps);
    return links;
  }

  /**
   * Kept annotations that must be drawn into the page too: those drawn in the file under one that is drawn
   * into the page (listed before it, overlapping it). Left as annotations, readers would draw them over it:
   * a comment's box listed before a form field covered the field's answer in the bundle (pdf.js's
   * issue13003.pdf). Links and pop-ups stay (they draw nothing of their own, or only when opened).
   */
  private drawnUnder(entries: { annot: PDFDict; flatten: boolean }[]): Set<PDFDict> {
    const drawnIn = new Set<PDFDict>();
    const above: Box[] = [];
    for (let i = entries.length - 1; i >= 0; i--) {
      const { annot, flatten } = entries[i];
      const rect = rectOf(this.context, annot.get(name('Rect')));
      if (!rect) continue;
      if (flatten) {
        above.push(rect);
        continue;
      }
      const subtype = nameOf(this.context, annot.get(name('Subtype')));
      if (subtype === 'Link' || subtype === 'Popup' || !this.appearanceOf(annot)) continue;
      if (above.some((r) => r.x0 < rect.x1 && rect.x0 < r.x1 && r.y0 < rect.y1 && rect.y0 < r.y1)) {
        drawnIn.add(annot);
        above.push(rect);
      }
    }
    return drawnIn;
  }

  /** Adds drawing after the page's own content, which is wrapped in q … Q so it cannot move it. */
  private drawOnTop(page: PDFPage, ops: string): void {
    const node = page.node;
    const contents = lookup(this.context, node.get(name('Contents')));
    const existing: PDFObject[] =
      contents instanceof PDFArray
        ? contents.asArray()
        : node.get(name('Contents'))
          ? [node.get(name('Contents'))!]
          : [];
    const ref = this.context.register(this.context.stream(ops));
    const list = existing.length
      ? [
          this.context.getPushGraphicsStateContentStream(),
          ...existing,
          this.context.getPopGraphicsStateContentStream(),
          ref,
        ]
      : [ref];
    node.set(name('Contents'), this.context.obj(list));
  }
}

/**
 * Cleans every page of `source` in place (see the top of this file), or only the pages at `kept` (0-based,
 * the ones the bundle takes; `links` is then by place among them), and says what was removed. Never throws
 * for a malformed annotation or action: what cannot be understood is removed.
 */
export function removeActiveContent(
  source: PDFDocument,
  destinations: SourceDestinations,
  kept?: readonly number[],
): ActiveContentReport {
  const cleaner = new Cleaner(source, destinations);
  const pages = kept ? kept.map((i) => source.getPage(i)) : source.getPages();
  const links = pages.map((page) => cleaner.cleanPage(page));
  return { links, removed: cleaner.removed, flattenedFields: cleaner.flattenedFields };
}
