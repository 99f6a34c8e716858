/** The built-ins pdf.js's legacy build replaces (builtIns.mjs). */
export type BuiltIns = [object, PropertyKey, unknown][];
export declare function builtInsPdfjsReplaces(): BuiltIns;
export declare function putBackBuiltIns(builtIns: BuiltIns): void;
