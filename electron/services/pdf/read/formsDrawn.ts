/**
 * How many times a page draws a form XObject (a drawing kept once and placed with `Do`), counting a form
 * drawn inside a form as often as the outer one is drawn. Readers draw (and read the text of) every one of
 * those: a file of a few KB whose forms each draw the next twice, 20 deep, has readers draw a million forms
 * for its one page (pdf.js: over a minute to read its text; docs/limits.md). A sound page draws a few, a
 * map or plan with symbols some thousands.
 *
 * Each form's content is read once and its count kept (`known`, shared between the pages of a file), so
 * the count of a fan-out costs what its few objects cost, however large the number. A form drawn inside
 * itself is skipped, as readers skip it. A form without resources of its own (an old way of writing one)
 * uses those of what draws it, and is counted afresh each time.
 */
import type { PdfReader } from './document';
import { contentStreams, forEachOperator, shownAppearances } from './content';
import { FilterError } from './filters';
import { isName, PdfStream, type PdfDict } from './objects';
import type { PdfPage } from './pages';

const DO = Buffer.from('Do');

export class FormsDrawn {
  private readonly known = new Map<PdfStream, number>();

  /** Counts stop at `limit` + 1: past the limit only "more" matters. */
  constructor(
    private readonly reader: PdfReader,
    private readonly limit: number,
  ) {}

  /** The forms page `page` draws (its content and the appearances its annotations show), up to limit + 1. */
  ofPage(page: PdfPage): number {
    let total = 0;
    const drawing = new Set<PdfStream>();
    for (const stream of contentStreams(this.reader, page)) {
      total += this.inContent(stream, page.resources, drawing);
      if (total > this.limit) return this.limit + 1;
    }
    for (const appearance of shownAppearances(this.reader, page)) {
      total += 1 + this.ofForm(appearance, page.resources, drawing);
      if (total > this.limit) return this.limit + 1;
    }
    return total;
  }

  /** The forms drawn inside `form` each time it is drawn. */
  private ofForm(form: PdfStream, outer: PdfDict | null, drawing: Set<PdfStream>): number {
    const own = this.reader.getDict(form, 'Resources');
    const known = own ? this.known.get(form) : undefined;
    if (known !== undefined) return known;
    drawing.add(form);
    const count = this.inContent(form, own ?? outer, drawing);
    drawing.delete(form);
    if (own) this.known.set(form, count);
    return count;
  }

  /** The forms one content stream draws with `resources`, those inside them included. */
  private inContent(stream: PdfStream, resources: PdfDict | null, drawing: Set<PdfStream>): number {
    // Most content has no form to draw (a page of text, a scan's picture): its data is not read at all.
    const forms = this.formsIn(resources);
    if (forms.size === 0) return 0;
    let data: Uint8Array;
    try {
      data = this.reader.streamData(stream);
    } catch (error) {
      if (error instanceof FilterError) return 0; // Not drawn by readers either.
      throw error;
    }
    if (Buffer.from(data.buffer, data.byteOffset, data.byteLength).indexOf(DO) < 0) return 0;
    let total = 0;
    forEachOperator(data, (op, operands) => {
      if (op !== 'Do') return false;
      const name = operands[operands.length - 1];
      if (!isName(name)) return false;
      const form = forms.get(name.name);
      if (!form || drawing.has(form)) return false;
      total += 1 + this.ofForm(form, resources, drawing);
      return total > this.limit;
    });
    return Math.min(total, this.limit + 1);
  }

  /** The forms (not pictures) a resource dictionary names, by name. */
  private formsIn(resources: PdfDict | null): Map<string, PdfStream> {
    const forms = new Map<string, PdfStream>();
    const xobjects = this.reader.getDict(resources, 'XObject');
    for (const [name, value] of xobjects?.map ?? []) {
      const xobject = this.reader.resolve(value);
      if (xobject instanceof PdfStream && isName(this.reader.get(xobject, 'Subtype'), 'Form'))
        forms.set(name, xobject);
    }
    return forms;
  }
}
