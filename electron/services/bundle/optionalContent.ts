/**
 * Layers (optional content groups, ISO 32000-1 8.11) carried from the documents into a bundle, as their
 * authors set them to show. Content in a layer shows or hides as the document's own settings say, in the
 * catalog's /OCProperties; a file without them shows every layer. Copying the pages alone left those
 * settings behind, so a layer its author had hidden (draft notes, a watermark, a plan's other options)
 * was printed in the bundle as if it were part of the page. Each document's layers keep their default
 * state, grouped under the document's name in a reader's layers panel.
 */
import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFRef,
  PDFString,
  type PDFContext,
  type PDFDocument,
  type PDFObject,
} from '@cantoo/pdf-lib';

const name = (key: string) => PDFName.of(key);

/** A document's layers and their settings, as its catalog has them. */
export interface DocumentLayers {
  groups: PDFRef[];
  hidden: Set<PDFRef>;
  /** How a reader lists them (nested arrays of groups and labels), when the document says. */
  order: PDFArray | null;
  locked: PDFRef[];
  /** Sets of groups of which at most one is shown at a time. */
  radioGroups: PDFRef[][];
  /** Groups shown or hidden by what the reader is doing (viewing, printing, exporting). */
  autoStates: PDFDict[];
}

function resolve(context: PDFContext, value: PDFObject | undefined): PDFObject | undefined {
  return value instanceof PDFRef ? context.lookup(value) : value;
}

function refsIn(context: PDFContext, value: PDFObject | undefined): PDFRef[] {
  const array = resolve(context, value);
  if (!(array instanceof PDFArray)) return [];
  const refs: PDFRef[] = [];
  for (let i = 0; i < array.size(); i++) {
    const item = array.get(i);
    if (item instanceof PDFRef) refs.push(item);
  }
  return refs;
}

/** The document's layers, or null when it has none (or its settings cannot be read: every layer shows). */
export function readLayers(source: PDFDocument): DocumentLayers | null {
  const { context } = source;
  const properties = resolve(context, source.catalog.get(name('OCProperties')));
  if (!(properties instanceof PDFDict)) return null;
  const groups = refsIn(context, properties.get(name('OCGs')));
  if (groups.length === 0) return null;
  const settings = resolve(context, properties.get(name('D')));
  const config = settings instanceof PDFDict ? settings : null;
  const get = (key: string) => (config ? resolve(context, config.get(name(key))) : undefined);
  const allOff = get('BaseState') === name('OFF');
  const on = new Set(refsIn(context, get('ON')));
  const off = new Set(refsIn(context, get('OFF')));
  const hidden = new Set(groups.filter((g) => off.has(g) || (allOff && !on.has(g))));
  const order = get('Order');
  const radio = get('RBGroups');
  const autoStates = get('AS');
  const radioGroups: PDFRef[][] = [];
  if (radio instanceof PDFArray)
    for (let i = 0; i < radio.size(); i++) radioGroups.push(refsIn(context, radio.get(i)));
  const states: PDFDict[] = [];
  if (autoStates instanceof PDFArray)
    for (let i = 0; i < autoStates.size(); i++) {
      const state = resolve(context, autoStates.get(i));
      if (state instanceof PDFDict) states.push(state);
    }
  return {
    groups,
    hidden,
    order: order instanceof PDFArray ? order : null,
    locked: refsIn(context, get('Locked')),
    radioGroups,
    autoStates: states,
  };
}

/** The layers of every document in a bundle, written once into its catalog. */
export class BundleLayers {
  private readonly groups: PDFRef[] = [];
  private readonly hidden: PDFRef[] = [];
  private readonly order: PDFObject[] = [];
  private readonly locked: PDFRef[] = [];
  private readonly radioGroups: PDFArray[] = [];
  private readonly autoStates: PDFDict[] = [];

  constructor(private readonly doc: PDFDocument) {}

  /**
   * A document's layers, its groups named by their copies in the bundle (`copyOf`; groups no copied page
   * uses are left out), listed under `label` (as the document lists them, without one: a part of a
   * bundle carries the bundle's list).
   */
  add(
    source: PDFDocument,
    layers: DocumentLayers,
    copyOf: (ref: PDFRef) => PDFRef | undefined,
    label?: string,
  ): void {
    const { context } = this.doc;
    const mapped = (refs: PDFRef[]) => refs.flatMap((ref) => copyOf(ref) ?? []);
    const groups = mapped(layers.groups);
    if (groups.length === 0) return;
    this.groups.push(...groups);
    this.hidden.push(...mapped([...layers.hidden]));
    this.locked.push(...mapped(layers.locked));
    for (const set of layers.radioGroups) {
      const refs = mapped(set);
      if (refs.length > 1) this.radioGroups.push(context.obj(refs));
    }
    for (const state of layers.autoStates) {
      const refs = mapped(refsIn(source.context, state.get(name('OCGs'))));
      const event = resolve(source.context, state.get(name('Event')));
      const category = resolve(source.context, state.get(name('Category')));
      if (refs.length === 0 || !(event instanceof PDFName) || !(category instanceof PDFArray)) continue;
      const categories = [];
      for (let i = 0; i < category.size(); i++) {
        const c = resolve(source.context, category.get(i));
        if (c instanceof PDFName) categories.push(c);
      }
      this.autoStates.push(context.obj({ Event: event, Category: categories, OCGs: refs }));
    }
    const listed = layers.order ? this.mapOrder(source, layers.order, copyOf, new Set()) : [];
    const items = listed.length ? listed : groups;
    if (label === undefined) this.order.push(...items);
    else this.order.push(context.obj([PDFHexString.fromText(label), ...items]));
  }

  /** A reader's list of the document's layers, nested as the document nests it, in the bundle's groups. */
  private mapOrder(
    source: PDFDocument,
    order: PDFArray,
    copyOf: (ref: PDFRef) => PDFRef | undefined,
    seen: Set<PDFArray>,
  ): PDFObject[] {
    if (seen.has(order)) return [];
    seen.add(order);
    const out: PDFObject[] = [];
    for (let i = 0; i < order.size(); i++) {
      const item = order.get(i);
      const value = resolve(source.context, item);
      if (value instanceof PDFArray) {
        const nested = this.mapOrder(source, value, copyOf, seen);
        if (nested.some((n) => n instanceof PDFRef || n instanceof PDFArray))
          out.push(this.doc.context.obj(nested));
      } else if (item instanceof PDFRef) {
        const copy = copyOf(item);
        if (copy) out.push(copy);
      } else if (value instanceof PDFString || value instanceof PDFHexString) {
        out.push(PDFHexString.fromText(value.decodeText()));
      }
    }
    return out;
  }

  /** Sets the catalog's /OCProperties, when any document had layers. */
  write(): void {
    if (this.groups.length === 0) return;
    const { context, catalog } = this.doc;
    const config: Record<string, PDFObject> = {
      Name: PDFHexString.fromText('As each document showed them'),
      BaseState: name('ON'),
      OFF: context.obj(this.hidden),
      Order: context.obj(this.order),
    };
    if (this.locked.length) config.Locked = context.obj(this.locked);
    if (this.radioGroups.length) config.RBGroups = context.obj(this.radioGroups);
    if (this.autoStates.length) config.AS = context.obj(this.autoStates);
    catalog.set(
      name('OCProperties'),
      context.obj({ OCGs: context.obj(this.groups), D: context.obj(config) }),
    );
  }
}

/** Copies the layers' settings of `source` (a bundle) into `target`, for the pages `copyOf` copied. */
export function carryLayers(
  target: PDFDocument,
  source: PDFDocument,
  copyOf: (ref: PDFRef) => PDFRef | undefined,
): void {
  const layers = readLayers(source);
  if (!layers) return;
  const into = new BundleLayers(target);
  into.add(source, layers, copyOf);
  into.write();
}
