/**
 * Layers (optional content, ISO 32000-2 8.11): content a file can show or hide as a whole, by the reader's
 * choice. What a reader shows when the file opens is the default configuration (/OCProperties /D); content
 * in a layer it hides is in the file, and on no screen or printout until someone turns the layer on.
 */
import type { PdfReader } from './document';
import { isDict, isName, isRef, type PdfValue } from './objects';

/** How deep a visibility expression (/VE) is followed; deeper ones count as shown. */
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
 * Whether content marked with `value` (an /OC entry or marked-content property: a layer, or a membership
 * dictionary naming layers) is hidden when the file opens, given the layers hidden then. Anything not
 * understood counts as shown: only what is surely hidden is called hidden.
 */
export function hiddenByLayers(reader: PdfReader, value: PdfValue | undefined, hidden: Set<string>): boolean {
  if (!hidden.size) return false;
  const isHidden = (group: PdfValue | undefined): boolean | null => {
    if (!isRef(group)) return null;
    const dict = reader.resolve(group);
    return isDict(dict) && isName(reader.get(dict, 'Type'), 'OCG') ? hidden.has(group.key) : null;
  };
  const direct = isHidden(value);
  if (direct !== null) return direct;
  const membership = reader.resolve(value);
  if (!isDict(membership) || !isName(reader.get(membership, 'Type'), 'OCMD')) return false;
  const expression = membership.get('VE');
  if (expression !== undefined) return shownBy(reader, expression, isHidden, 0) === false;
  const named = membership.get('OCGs');
  const groups = reader.resolve(named);
  const states = (Array.isArray(groups) ? groups : [named])
    .map((group) => isHidden(group))
    .filter((state): state is boolean => state !== null);
  if (!states.length) return false;
  const policy = reader.get(membership, 'P');
  const policyName = isName(policy) ? policy.name : 'AnyOn';
  const on = states.map((off) => !off);
  if (policyName === 'AllOn') return !on.every(Boolean);
  if (policyName === 'AnyOff') return on.every(Boolean);
  if (policyName === 'AllOff') return on.some(Boolean);
  return !on.some(Boolean);
}

/** A visibility expression's value: true shown, false hidden, null not understood. */
function shownBy(
  reader: PdfReader,
  value: PdfValue | undefined,
  isHidden: (group: PdfValue | undefined) => boolean | null,
  depth: number,
): boolean | null {
  if (depth > MAX_EXPRESSION_DEPTH) return null;
  const group = isHidden(value);
  if (group !== null) return !group;
  const list = reader.resolve(value);
  if (!Array.isArray(list) || !list.length) return null;
  const operator = reader.resolve(list[0]);
  const operands = list.slice(1).map((item) => shownBy(reader, item, isHidden, depth + 1));
  if (operands.includes(null)) return null;
  if (isName(operator, 'Not')) return operands.length === 1 ? !operands[0] : null;
  if (isName(operator, 'And')) return operands.every(Boolean);
  if (isName(operator, 'Or')) return operands.some(Boolean);
  return null;
}
