/** The computer's fonts for Skia, read only when a page is to be drawn (canvasFonts.mjs). */
export declare function loadCanvasWithoutSystemFonts(): void;
export declare function readSystemFonts(canvas: {
  GlobalFonts: { loadSystemFonts?: () => unknown; loadFontsFromDir(path: string): number };
}): void;
