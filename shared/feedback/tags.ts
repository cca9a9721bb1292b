/** Canonical form of a tag path: levels trimmed, empty levels dropped, joined by "/". "" when nothing is left. */
export function normalizeTagPath(path: string): string {
  return path
    .normalize('NFKC')
    .split('/')
    .map((level) => level.trim())
    .filter(Boolean)
    .join('/');
}

/** The path and all its ancestors, root first: "a/b/c" → ["a", "a/b", "a/b/c"]. */
export function tagPathWithAncestors(path: string): string[] {
  const levels = path.split('/');
  return levels.map((_, i) => levels.slice(0, i + 1).join('/'));
}

export function parentTagPath(path: string): string | null {
  const i = path.lastIndexOf('/');
  return i < 0 ? null : path.slice(0, i);
}

/** Canonical, de-duplicated and sorted tag paths; empty ones are dropped. */
export function normalizeTagList(paths: readonly string[] | undefined): string[] {
  return [...new Set((paths ?? []).map(normalizeTagPath).filter(Boolean))].sort();
}
