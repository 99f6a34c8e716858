/**
 * The order the Evidence screen asks for new documents' details: the files just added first, in the order
 * they were added (an email, then the files taken out of it), then any left unconfirmed before, newest
 * first.
 */
export function confirmationOrder<T extends { id: number }>(
  unconfirmed: T[],
  justAdded: readonly number[],
): T[] {
  const first = justAdded.flatMap((id) => unconfirmed.filter((d) => d.id === id));
  const rest = unconfirmed.filter((d) => !justAdded.includes(d.id)).sort((a, b) => b.id - a.id);
  return [...first, ...rest];
}
