/** A section's document ids with one moved from `from` to `to` (the order documents.reorder receives). */
export function moveId(ids: number[], from: number, to: number): number[] {
  const next = [...ids];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved);
  return next;
}
