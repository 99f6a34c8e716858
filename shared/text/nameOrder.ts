/**
 * File names in the order a person would number them: "Appendix 2" before "Appendix 10", with case and
 * accents set aside. The collator is made on first use: the first one a process makes loads ICU's collation
 * data (about 0.007 s), which every command paid as it loaded, and only imports of attached files use it.
 */
let collator: Intl.Collator | undefined;

export function compareNames(a: string, b: string): number {
  collator ??= new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });
  return collator.compare(a, b);
}
