// Deterministic JSON for profiles: keys sorted, arrays kept in their (already sorted) order, short
// records and lists of numbers on one line, so that re-learning the same corpus gives the same
// bytes and a changed corpus gives a readable diff.

import type { Profile } from './types';

const INLINE_WIDTH = 160;

export function serializeProfile(profile: Profile): string {
  return `${write(profile, '')}\n`;
}

function write(value: unknown, indent: string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  // A container holding containers is never one line: its subtree is not stringified twice.
  const nested = hasNestedContainers(value);
  const inline = nested ? '' : JSON.stringify(sortKeys(value));
  if (!nested && inline.length <= INLINE_WIDTH) return inline;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) return inline;
    return `[\n${value.map((v) => inner + write(v, inner)).join(',\n')}\n${indent}]`;
  }
  const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort(compareKeys);
  if (!keys.length) return '{}';
  return `{\n${keys.map((k) => `${inner}${JSON.stringify(k)}: ${write((value as Record<string, unknown>)[k], inner)}`).join(',\n')}\n${indent}}`;
}

/** Objects holding only primitives (an example reference) or flat arrays stay on one line. */
function hasNestedContainers(value: object): boolean {
  const items = Array.isArray(value) ? value : Object.values(value);
  return items.some((v) => v !== null && typeof v === 'object' && (Array.isArray(v) ? v.some((x) => x !== null && typeof x === 'object') : true));
}

function sortKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(sortKeys);
  const out: Record<string, unknown> = Object.create(null); // a '__proto__' key stays a plain key
  for (const k of Object.keys(value).sort(compareKeys)) out[k] = sortKeys((value as Record<string, unknown>)[k]);
  return out;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
