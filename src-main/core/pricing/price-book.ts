/**
 * Finds the price of a request's model: the exact id, else the same model under its base id, else
 * the newest known model of its family (marked `inferred`). Called on every request, so all
 * lookups are precomputed maps.
 *
 * The id rule, the same for every provider:
 * 1. The base id drops a `-latest` suffix, then a date suffix `-YYYYMMDD` or `-YYYY-MM-DD`
 *    (`claude-sonnet-4-5-20250929` → `claude-sonnet-4-5`, `gpt-4o-2024-08-06` → `gpt-4o`), and
 *    Google's release suffixes, repeatedly: `-preview`, `-exp`, `-MM-DD`, `-MM-YYYY`, `-001`
 *    (`gemini-3.1-pro-preview` → `gemini-3.1-pro`, `gemini-2.5-flash-preview-09-2025` → `gemini-2.5-flash`).
 * 2. The base id is split on `-`. A segment of digits and dots (`4`, `5.4`) is version; a segment of
 *    letters then digits (`o3`) is a name part (`o`) plus version (`3`); anything else (`claude`,
 *    `mini`, `4o`) is a name part.
 * 3. The family is the name parts joined with `-`, the version the numbers in order:
 *    `claude-opus-4-8` → claude-opus 4.8, `claude-3-5-haiku` → claude-haiku 3.5,
 *    `gpt-5.4-mini` → gpt-mini 5.4, `o4-mini` → o-mini 4, `gpt-4o` → gpt-4o (no version).
 * 4. "Newest" compares versions number by number; a longer version beats its own prefix (4.1 > 4).
 */
import type { Provider } from '../usage.js';
import type { ModelPrice, ResolvedPrice } from './types.js';

export interface ModelId {
  base: string;
  family: string;
  version: number[];
}

const SUFFIX = /(?:-latest|-\d{8}|-\d{4}-\d{2}-\d{2})$/;
const GOOGLE_SUFFIX = /-(?:preview|exp|\d{2}-\d{2}|\d{2}-\d{4}|\d{3})$/;

function baseId(id: string): string {
  let base = id.replace(SUFFIX, '');
  for (let shorter = base.replace(GOOGLE_SUFFIX, ''); shorter !== base; shorter = base.replace(GOOGLE_SUFFIX, '')) base = shorter;
  return base;
}
const VERSION = /^\d+(?:\.\d+)*$/;
const NAMED_VERSION = /^([a-z]+)(\d+(?:\.\d+)*)$/i;

function versionNumbers(text: string): number[] {
  return text.split('.').map(Number);
}

export function parseModelId(id: string): ModelId {
  const base = baseId(id);
  const names: string[] = [];
  const version: number[] = [];
  for (const segment of base.split('-')) {
    const named = NAMED_VERSION.exec(segment);
    if (VERSION.test(segment)) version.push(...versionNumbers(segment));
    else if (named) {
      names.push(named[1]);
      version.push(...versionNumbers(named[2]));
    } else if (segment !== '') names.push(segment);
  }
  return { base, family: names.join('-'), version };
}

/** Negative when `a` is older than `b`. */
export function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return a.length - b.length;
}

function key(provider: Provider, name: string): string {
  return `${provider}\u0000${name}`;
}

export class PriceBook {
  private readonly exact = new Map<string, ModelPrice>();
  private readonly byBase = new Map<string, ModelPrice>();
  private readonly newest = new Map<string, { price: ModelPrice; version: number[] }>();

  constructor(prices: ModelPrice[]) {
    for (const price of prices) {
      this.exact.set(key(price.provider, price.model), price);
      const id = parseModelId(price.model);
      const baseKey = key(price.provider, id.base);
      // The undated row speaks for its base id when the table holds both.
      if (!this.byBase.has(baseKey) || price.model === id.base) this.byBase.set(baseKey, price);
      if (id.family === '') continue;
      const familyKey = key(price.provider, id.family);
      const known = this.newest.get(familyKey);
      if (!known || compareVersions(id.version, known.version) > 0) this.newest.set(familyKey, { price, version: id.version });
    }
  }

  resolve(model: string, provider: Provider): ResolvedPrice | null {
    const exact = this.exact.get(key(provider, model));
    if (exact) return { price: exact, inferred: false };
    const id = parseModelId(model);
    const sameModel = this.byBase.get(key(provider, id.base));
    if (sameModel) return { price: sameModel, inferred: false };
    const relative = id.family === '' ? undefined : this.newest.get(key(provider, id.family));
    return relative ? { price: relative.price, inferred: true } : null;
  }
}
