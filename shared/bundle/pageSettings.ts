/**
 * How a bundle treats the evidence pages it copies: a setting of each case (the defaults are in
 * settings.ts), and of each build when given. Kept apart from settings.ts so the domain types can use it.
 */
import { z } from 'zod';

/** Landscape pages stay landscape (readable left to right on screen) or are turned to portrait. */
const LANDSCAPE_PAGES = ['keep', 'rotate'] as const;

export const PageSettings = z.object({
  /**
   * Pages of other sizes (Letter, Legal, odd scans) scaled onto A4 in their own orientation, centred,
   * nothing cropped. Broken page boxes are repaired whatever this says.
   */
  normalisePages: z.boolean(),
  landscapePages: z.enum(LANDSCAPE_PAGES),
  /** A document's own bookmarks kept, under its bookmark in the bundle. */
  sourceBookmarks: z.boolean(),
});
export type PageSettings = z.infer<typeof PageSettings>;
