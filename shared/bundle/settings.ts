/** The settings a bundle is planned and built with, as the API accepts them. */
import { z } from 'zod';
import { IsoDate, NumberingStyle } from '../domain/types';
import { LATE_INSERT_MODES } from './types';

export const BundleSettings = z.object({
  /** Continuous 1…N or per section A1…; defaults to the case's setting. */
  numbering: NumberingStyle.optional(),
  /** After an issued version: sub-number late documents (default) or renumber everything. */
  lateInsertMode: z.enum(LATE_INSERT_MODES).optional(),
  /** A divider page before each section. */
  dividers: z.boolean().optional(),
  /** The date on the cover (defaults to today). */
  compiledDate: IsoDate.optional(),
  /** Contents-of-plan appeal about the named school or college (section I) only. */
  placementOnly: z.boolean().optional(),
});
export type BundleSettings = z.infer<typeof BundleSettings>;
