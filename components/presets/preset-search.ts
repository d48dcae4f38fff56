/**
 * Filtering the presets list as the operator types: case- and accent-insensitive ("cafe"
 * finds "Café"), over name and description, every word must match. Pure; tested.
 */
export const foldForSearch = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

export function matchesSearch(preset: { name: string; description: string | null }, query: string): boolean {
  const words = foldForSearch(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = foldForSearch(`${preset.name}\n${preset.description ?? ""}`);
  return words.every((w) => haystack.includes(w));
}
