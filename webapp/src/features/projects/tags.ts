/** "bug, ui ,  bug" → ["bug", "ui"]: trimmed, without blanks or repeats, in the order typed. */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(',')) {
    const tag = part.trim();
    if (tag) {
      seen.add(tag);
    }
  }
  return [...seen];
}
