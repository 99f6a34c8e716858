/**
 * pdf-lib's embedder of a font subset, reached into where the app sets glyphs itself: glyphs are put in the
 * subset exactly as pdf-lib's encodeText() puts a shaped glyph there, for text the app has already laid out
 * (bundle/text.ts's single characters, pdf/actualText.ts's text with marks), so that it is not laid out again.
 */
import type { PDFFont } from '@cantoo/pdf-lib';
import type fontkit from '@pdf-lib/fontkit';

interface SubsetEmbedder {
  font: ReturnType<(typeof fontkit)['create']> & {
    glyphForCodePoint(cp: number): { id: number; advanceWidth: number };
  };
  fontFeatures?: unknown;
  subset: { includeGlyph(glyph: unknown): number };
  glyphs: unknown[];
  glyphIdMap: Map<number, number>;
  glyphCache: { invalidate(): void };
  /** 1000 ÷ the font's units per em: font units to the thousandths of an em text is drawn in. */
  scale: number;
}

/** `font`'s subset embedder, or undefined for a font embedded otherwise (whole, or a standard font). */
export function subsetEmbedderOf(font: PDFFont): SubsetEmbedder | undefined {
  const embedder = (font as unknown as { embedder?: Partial<SubsetEmbedder> }).embedder;
  if (
    !embedder?.font?.glyphForCodePoint ||
    !embedder.subset?.includeGlyph ||
    !Array.isArray(embedder.glyphs) ||
    !(embedder.glyphIdMap instanceof Map) ||
    !embedder.glyphCache ||
    typeof embedder.scale !== 'number'
  )
    return undefined;
  return embedder as SubsetEmbedder;
}

/** The glyphs' codes in the subset (4 hex digits each, as pdf-lib writes them), put in it as pdf-lib puts them. */
export function subsetCodes(embedder: SubsetEmbedder, glyphs: readonly { id: number }[]): string {
  let codes = '';
  for (const glyph of glyphs) {
    const id = embedder.subset.includeGlyph(glyph);
    embedder.glyphs[id - 1] = glyph;
    embedder.glyphIdMap.set(glyph.id, id);
    codes += id.toString(16).padStart(4, '0').toUpperCase();
  }
  embedder.glyphCache.invalidate();
  return codes;
}
