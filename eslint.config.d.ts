// Types for what tests import from eslint.config.js (the lint walls they check).
import type { Linter } from 'eslint';

export const DATABASE_READ_WALL: { selector: string; message: string }[];
export const JSON_COLUMN_WALL: { selector: string; message: string }[];
export const IMPORT_WALLS: Linter.Config[];
declare const config: Linter.Config[];
export default config;
