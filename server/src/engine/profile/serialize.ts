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
  const inline = nested ? '' : flatJson(value);
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

/**
 * One-line JSON of a container without nested containers (its items are primitives or lists of
 * primitives): what JSON.stringify prints for a copy with sorted keys, where array-index keys
 * ("2", "10") come first in numeric order, as in any JavaScript object.
 */
function flatJson(value: object): string {
  if (Array.isArray(value)) return JSON.stringify(value);
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const indexKeys = keys.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b));
  const parts: string[] = [];
  for (const k of indexKeys.length ? [...indexKeys, ...keys.filter((k) => !isArrayIndex(k)).sort(compareKeys)] : keys.sort(compareKeys)) {
    const json = JSON.stringify(record[k]);
    if (json !== undefined) parts.push(`${JSON.stringify(k)}:${json}`);
  }
  return `{${parts.join(',')}}`;
}

function isArrayIndex(key: string): boolean {
  return /^(?:0|[1-9][0-9]{0,9})$/.test(key) && Number(key) < 2 ** 32 - 1;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
