/**
 * Every correction this app makes to fontkit's text shaping (@pdf-lib/fontkit 1.1.1), in one place: where
 * fontkit threw on ordinary text, or drew what HarfBuzz (the shaper of browsers and word processors) does not.
 * Each is applied to one parsed font by correctShaping(), from electron/services/pdf/fonts.ts, and checked
 * against glyphs HarfBuzz gave for the same fonts (tests/unit/electron/services/pdf/fontkitShaping.test.ts).
 *
 * 1. Sinhala's split vowels ේ and ෝ. fontkit's Universal Shaping Engine splits ේ into ෙ + ් (and ෝ into
 *    ෙ + ා + ්) and then reads the ් as a virama of its own. No syllable has a virama after a vowel sign, so
 *    at the end of a word (ලියන්නේ, "writing") the ් belonged to no syllable and layout threw ("Cannot read
 *    properties of null (reading 'syllable')"): a letter or an email in Sinhala could not be laid out. Before
 *    a word it became a broken syllable of its own, drawn with a dotted circle (කෝ◌පි). The ් of a split vowel
 *    is read as a vowel sign while syllables are found, as HarfBuzz reads it, and is itself again afterwards.
 * 2. Any other character no syllable takes (a vowel sign typed first, say) is a syllable of its own, as in
 *    HarfBuzz, instead of a throw.
 * 3. A vowel sign written before its letter (Bengali's ে, Devanagari's ि) takes its word-initial form only at the
 *    start of a word. fontkit read HarfBuzz's rule ("not after a letter or a mark") as "not after a format
 *    character or a non-spacing mark", so in ছেলের ("son's") the second ে took the initial form too.
 * 4. Glyphs are not positioned in layout. pdf-lib draws each glyph at its advance in the font and never reads
 *    the positions fontkit computes (GPOS kerning and mark attachment), which were a third of the time spent
 *    laying out a long chat or email. Right-to-left runs are still put in display order, as fontkit does
 *    while positioning. This also ends a throw: a mark the font has no anchor for on the letter before it
 *    (Thai ฬุ์, unusual Arabic marks) threw while it was being attached. Text with marks is laid out again
 *    with fontkit's positioning when it is drawn (positionedLayout, for pdf/actualText.ts), so that a mark
 *    is drawn where the font's anchors put it: Devanagari's ू under a conjunct, Gurmukhi's tippi.
 * 5. Should fontkit still throw on some text, the text is set unshaped, character by character, rather than
 *    the letter, email or bundle failing: a rare wrong join is better than a missing page.
 */
import type fontkit from '@pdf-lib/fontkit';

type FontkitFont = ReturnType<(typeof fontkit)['create']>;

interface GlyphInfo {
  codePoints: number[];
  features: Record<string, boolean>;
  shaperInfo?: { category: string; syllableType: string; syllable: number } | null;
}
type Stage = ((font: unknown, glyphs: GlyphInfo[]) => void) | unknown[];
interface LayoutEngine {
  glyphInfos: GlyphInfo[];
  /** indicConfig is set by fontkit's Indic shaper only. */
  plan: { stages: Stage[]; indicConfig?: unknown } | null;
  shaper: unknown;
  setup: (glyphRun: unknown) => void;
}
interface GlyphLike {
  advanceWidth: number;
}
interface GlyphRunLike {
  glyphs: GlyphLike[];
}
interface GlyphRunPositions {
  glyphs: GlyphLike[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
  direction: string;
}
interface FontInternals {
  _layoutEngine: { engine: LayoutEngine | null; position: (glyphRun: GlyphRunPositions) => void };
  layout: (text: string, ...rest: unknown[]) => GlyphRunLike;
  glyphsForString: (text: string) => GlyphLike[];
}

const SINHALA_AL_LAKUNA = 0x0dca;
const SINHALA_E_SIGN = 0x0dd9;
const SINHALA_AA_SIGN = 0x0dcf;

/** The ් that ends a split vowel (ෙ + ් for ේ, ෙ + ා + ් for ෝ), which is a vowel sign's part, not a virama. */
function splitVowelEnds(glyphs: GlyphInfo[]): GlyphInfo[] {
  const ends: GlyphInfo[] = [];
  for (let i = 1; i < glyphs.length; i++) {
    if (glyphs[i].codePoints[0] !== SINHALA_AL_LAKUNA) continue;
    const before = glyphs[i - 1].codePoints[0];
    if (
      before === SINHALA_E_SIGN ||
      (before === SINHALA_AA_SIGN && glyphs[i - 2]?.codePoints[0] === SINHALA_E_SIGN)
    )
      ends.push(glyphs[i]);
  }
  return ends;
}

/** The shaper's first stage that is a function: the one that finds syllables (setupSyllables). */
function syllableStage(stages: Stage[]): number {
  return stages.findIndex((stage) => typeof stage === 'function');
}

function correctSyllables(engine: LayoutEngine): void {
  const plan = engine.plan;
  if (!plan) return;
  const at = syllableStage(plan.stages);
  if (at < 0) return;
  const ends = splitVowelEnds(engine.glyphInfos);
  // After syllables are found: every glyph in one, and each split vowel's ් itself again.
  plan.stages.splice(at + 1, 0, (_font: unknown, glyphs: GlyphInfo[]) => {
    for (const glyph of ends) glyph.codePoints = [SINHALA_AL_LAKUNA];
    let own = 0;
    for (const glyph of glyphs)
      if (!glyph.shaperInfo)
        glyph.shaperInfo = { category: 'O', syllableType: 'non_cluster', syllable: --own };
  });
  if (ends.length > 0) {
    plan.stages.splice(at, 0, () => {
      for (const glyph of ends) glyph.codePoints = [SINHALA_AA_SIGN];
    });
  }
}

/** HarfBuzz's "not after a letter or a mark": general categories Cf to Mn in its order of them. */
const CONTINUES_WORD = /^[\p{Cf}\p{Cn}\p{Co}\p{Cs}\p{L}\p{M}]$/u;

/** After the Indic shaper's last reordering, which marks its pre-base vowel signs `init`. */
function correctWordInitialForms(engine: LayoutEngine): void {
  const plan = engine.plan;
  if (!plan?.indicConfig) return;
  let last = -1;
  plan.stages.forEach((stage, at) => {
    if (typeof stage === 'function') last = at;
  });
  if (last < 0) return;
  plan.stages.splice(last + 1, 0, (_font: unknown, glyphs: GlyphInfo[]) => {
    for (let i = 1; i < glyphs.length; i++) {
      if (!glyphs[i].features.init) continue;
      const before = glyphs[i - 1].codePoints[0];
      // fontkit applies a feature to a glyph that has the key at all, whatever its value.
      if (before !== undefined && CONTINUES_WORD.test(String.fromCodePoint(before)))
        delete glyphs[i].features.init;
    }
  });
}

/** Puts the corrections above into `font`'s layout. Safe to call once per parsed font. */
export function correctShaping(font: FontkitFont): void {
  const internals = font as unknown as FontInternals;
  const engine = internals._layoutEngine?.engine;
  if (engine) {
    const setup = engine.setup;
    engine.setup = function (this: LayoutEngine, glyphRun: unknown) {
      setup.call(this, glyphRun);
      if (this.glyphInfos.length === 0) return;
      correctSyllables(this);
      correctWordInitialForms(this);
    };
  }
  const layoutEngine = internals._layoutEngine;
  // Only OpenType layout (GSUB/GPOS), whose positioning this replaces; a font without it keeps fontkit's.
  if (layoutEngine?.engine && 'GSUBProcessor' in layoutEngine.engine) {
    positioned.add(layoutEngine);
    layoutEngine.position = (glyphRun) => {
      glyphRun.positions = glyphRun.glyphs.map((glyph) => ({
        xAdvance: glyph.advanceWidth,
        yAdvance: 0,
        xOffset: 0,
        yOffset: 0,
      }));
      if (glyphRun.direction === 'rtl') {
        glyphRun.glyphs.reverse();
        glyphRun.positions.reverse();
      }
    };
  }
  const layout = internals.layout.bind(font);
  layouts.set(font, layout);
  internals.layout = (text: string, ...rest: unknown[]) => {
    try {
      return layout(text, ...rest);
    } catch {
      return unshaped(internals, text);
    }
  };
}

/** Layout engines whose own positioning correctShaping replaced (an own property over fontkit's method). */
const positioned = new WeakSet<object>();
/** Each corrected font's layout before correction 5 (which sets text unshaped where layout throws). */
const layouts = new WeakMap<object, FontInternals['layout']>();

export interface PositionedRun {
  glyphs: { id: number; advanceWidth: number }[];
  /** In font units: where fontkit's positioning (the font's GPOS) puts each glyph, from its pen. */
  positions: { xAdvance: number; xOffset: number; yOffset: number }[];
}

/**
 * `text` laid out as `font.layout` lays it out, with fontkit's own positioning (correction 4 leaves it out
 * of layout): its marks attached where the font's anchors put them, the same glyphs as layout gives. Null for
 * a font correctShaping did not touch, and where laying the text out throws (layout then sets it unshaped).
 */
export function positionedLayout(font: FontkitFont, text: string, features?: unknown): PositionedRun | null {
  const internals = font as unknown as FontInternals;
  const layoutEngine = internals._layoutEngine as Partial<FontInternals['_layoutEngine']> | undefined;
  const layout = layouts.get(font);
  if (!layoutEngine || !positioned.has(layoutEngine) || !layout) return null;
  const withoutPositions = layoutEngine.position;
  delete layoutEngine.position; // fontkit's own, from its prototype
  try {
    return layout(text, features) as unknown as PositionedRun;
  } catch {
    return null;
  } finally {
    layoutEngine.position = withoutPositions;
  }
}

/** The glyphs of `text` one character at a time, as the font's character map gives them. */
function unshaped(font: FontInternals, text: string): GlyphRunLike {
  const glyphs = font.glyphsForString(text);
  const positions = glyphs.map((glyph) => ({
    xAdvance: glyph.advanceWidth,
    yAdvance: 0,
    xOffset: 0,
    yOffset: 0,
  }));
  return {
    glyphs,
    positions,
    advanceWidth: positions.reduce((sum, p) => sum + p.xAdvance, 0),
  } as GlyphRunLike;
}
