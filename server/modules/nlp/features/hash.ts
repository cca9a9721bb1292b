const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Starting state for a feature kind, so the same string hashes differently as word / char n-gram / … */
export function hashSeed(kind: number): number {
  return Math.imul(FNV_OFFSET ^ kind, FNV_PRIME) >>> 0;
}

/** Continues an FNV-1a hash with the UTF-16 code units of `text`. */
export function hashString(state: number, text: string): number {
  let h = state;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/** Continues a hash with one code unit (a separator between the parts of an n-gram). */
export function hashUnit(state: number, unit: number): number {
  return Math.imul(state ^ unit, FNV_PRIME) >>> 0;
}

/** Final avalanche (from MurmurHash3) so that close inputs spread over all 32 bits. */
export function finishHash(h: number): number {
  let x = h >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}
