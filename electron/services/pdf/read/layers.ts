/**
 * Layers (optional content, ISO 32000-2 8.11): content a file can show or hide as a whole, by the reader's
 * choice. What a reader shows when the file opens is the default configuration (/OCProperties /D); content
 * in a layer it hides is in the file, and on no screen or printout until someone turns the layer on.
 */
import type { PdfReader } from './document';
import { isDict, isName, isRef, type PdfValue } from './objects';

/** Layers of a membership dictionary looked at; past them it counts as shown (a hostile list of millions). */
const MAX_MEMBERS = 1_000;

/** Parts of a visibility expression (/VE) looked at; past them, or deeper, it counts as shown. */
const MAX_EXPRESSION_PARTS = 1_000;
const MAX_EXPRESSION_DEPTH = 16;

/**
 * The layers the file hides when it opens, by reference key: its default configuration's /OFF list, or
 * under /BaseState /OFF every layer not in its /ON list. Empty for a file without layers.
 */
export function layersHiddenByDefault(reader: PdfReader): Set<string> {
  const hidden = new Set<string>();
  const properties = reader.getDict(reader.catalog, 'OCProperties');
  const config = reader.getDict(properties, 'D');
  if (!config) return hidden;
  const keys = (value: PdfValue | undefined) => {
    const list = reader.resolve(value);
    return Array.isArray(list) ? list.filter(isRef).map((r) => r.key) : [];
  };
  for (const key of keys(config.get('OFF'))) hidden.add(key);
  if (isName(reader.get(config, 'BaseState'), 'OFF')) {
    const on = new Set(keys(config.get('ON')));
    for (const key of keys(properties?.get('OCGs'))) if (!on.has(key)) hidden.add(key);
  }
  return hidden;
}

/**
 * Whether content marked with an /OC value (a layer, or a membership dictionary naming layers) is hidden
 * when the file opens. Anything not understood counts as shown: only what is surely hidden is called hidden.
 * What each object says is worked out once (a page may mark thousands of spans with the same layer).
 */
export class LayerVisibility {
  private readonly known = new WeakMap<object, boolean | null>();

  constructor(
    private readonly reader: PdfReader,
    private readonly hidden: Set<string> = layersHiddenByDefault(reader),
  ) {}

  hides(value: PdfValue | undefined): boolean {
    if (!this.hidden.size || value === undefined) return false;
    const group = this.layerHidden(value);
    if (group !== null) return group;
    const membership = this.reader.resolve(value);
    if (!isDict(membership) || !isName(this.reader.get(membership, 'Type'), 'OCMD')) return false;
    return (
      this.once(membership, () => {
        const expression = membership.get('VE');
        if (expression !== undefined) {
          const budget = { parts: MAX_EXPRESSION_PARTS };
          return this.shownBy(expression, 0, budget) === false;
        }
        return this.hiddenByPolicy(membership.get('OCGs'), this.reader.get(membership, 'P'));
      }) === true
    );
  }

  /** Whether `value` is a layer and hidden; null when it is not a layer. */
  private layerHidden(value: PdfValue | undefined): boolean | null {
    if (!isRef(value)) return null;
    const dict = this.reader.resolve(value);
    return isDict(dict) && isName(this.reader.get(dict, 'Type'), 'OCG') ? this.hidden.has(value.key) : null;
  }

  /** `work`'s answer for `object`, worked out once; null meanwhile (an object that names itself). */
  private once(object: object, work: () => boolean | null): boolean | null {
    if (this.known.has(object)) return this.known.get(object)!;
    this.known.set(object, null);
    const result = work();
    this.known.set(object, result);
    return result;
  }

  /** A membership dictionary's layers (/OCGs: one, or a list) under its policy (/P, AnyOn by default). */
  private hiddenByPolicy(named: PdfValue | undefined, policy: PdfValue | undefined): boolean {
    const list = this.reader.resolve(named);
    const count = () => {
      const states = (Array.isArray(list) ? list : [named]).slice(0, MAX_MEMBERS + 1);
      if (states.length > MAX_MEMBERS) return null;
      let on = 0;
      let off = 0;
      for (const group of states) {
        const hidden = this.layerHidden(group);
        if (hidden === true) off++;
        else if (hidden === false) on++;
      }
      return { on, off };
    };
    const counted = Array.isArray(list) ? this.counts(list, count) : count();
    if (!counted || counted.on + counted.off === 0) return false;
    const { on, off } = counted;
    const name = isName(policy) ? policy.name : 'AnyOn';
    if (name === 'AllOn') return off > 0;
    if (name === 'AnyOff') return off === 0;
    if (name === 'AllOff') return on > 0;
    return on === 0;
  }

  private readonly counted = new WeakMap<object, { on: number; off: number } | null>();

  private counts(
    list: object,
    count: () => { on: number; off: number } | null,
  ): { on: number; off: number } | null {
    if (this.counted.has(list)) return this.counted.get(list)!;
    const result = count();
    this.counted.set(list, result);
    return result;
  }

  /**
   * A visibility expression's value: true shown, false hidden, null not understood. An expression another
   * names by reference is worked out once (where it is first met), with parts of its own to look at.
   */
  private shownBy(value: PdfValue | undefined, depth: number, budget: { parts: number }): boolean | null {
    if (depth > MAX_EXPRESSION_DEPTH || --budget.parts < 0) return null;
    const group = this.layerHidden(value);
    if (group !== null) return !group;
    const list = this.reader.resolve(value);
    if (!Array.isArray(list) || !list.length) return null;
    const evaluate = (parts: { parts: number }, from: number) => {
      const operator = this.reader.resolve(list[0]);
      const operands: boolean[] = [];
      for (let i = 1; i < list.length; i++) {
        const shown = this.shownBy(list[i], from + 1, parts);
        if (shown === null) return null;
        operands.push(shown);
      }
      if (isName(operator, 'Not')) return operands.length === 1 ? !operands[0] : null;
      if (isName(operator, 'And')) return operands.length ? operands.every(Boolean) : null;
      if (isName(operator, 'Or')) return operands.length ? operands.some(Boolean) : null;
      return null;
    };
    return isRef(value)
      ? this.once(list, () => evaluate({ parts: MAX_EXPRESSION_PARTS }, depth))
      : evaluate(budget, depth);
  }
}
