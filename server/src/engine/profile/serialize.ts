// Deterministic JSON for profiles: keys sorted, arrays kept in their (already sorted) order, short
// records and lists of numbers on one line, so that re-learning the same corpus gives the same
// bytes and a changed corpus gives a readable diff.

import type { Profile } from './types';

const INLINE_WIDTH = 160;

export function serializeProfile(profile: Profile): string {
  const chunks: string[] = [];
  writeProfileJson(profile, (chunk) => chunks.push(chunk));
  return chunks.join('');
}

/**
 * The same JSON, handed to `sink` a chunk at a time: a profile prints hundreds of thousands of
 * small pieces, which kept until the end (with the whole text and its UTF-8 copy) made writing a
 * large profile learning's peak of memory.
 */
export function writeProfileJson(profile: Profile, sink: (chunk: string) => void): void {
  // Pieces are collected and joined per chunk: joining at every level copied a record's text once
  // per level above it.
  const out = new Pieces(sink);
  write(profile, '', out);
  out.list.push('\n');
  out.flush(true);
}

const CHUNK_PIECES = 4096;

class Pieces {
  /** Pieces not handed over yet (the writers push to it). */
  list: string[] = [];

  constructor(private readonly sink: (chunk: string) => void) {}

  /** Hands the pieces over as one chunk once there are CHUNK_PIECES of them (`all`: whatever there is). */
  flush(all = false): void {
    if (this.list.length < (all ? 1 : CHUNK_PIECES)) return;
    this.sink(this.list.join(''));
    this.list = [];
  }
}

function write(value: unknown, indent: string, out: Pieces): void {
  if (value === null || typeof value !== 'object') out.list.push(JSON.stringify(value) ?? 'null');
  else if (Array.isArray(value)) writeArray(value, indent, out);
  else writeObject(value as Record<string, unknown>, indent, out);
  out.flush();
}

/** An array: on one line when it holds no nested containers and fits (a list of primitives always does). */
function writeArray(items: unknown[], indent: string, out: Pieces): void {
  let nested = false;
  let primitives = true;
  for (const v of items) {
    if (v === null || typeof v !== 'object') continue;
    primitives = false;
    // A container holding containers is never one line: its subtree is not stringified twice.
    if (!Array.isArray(v) || v.some(isContainer)) {
      nested = true;
      break;
    }
  }
  if (!nested) {
    const inline = JSON.stringify(items);
    if (primitives || inline.length <= INLINE_WIDTH) {
      out.list.push(inline);
      return;
    }
  }
  const inner = `${indent}  `;
  out.list.push('[\n');
  for (let i = 0; i < items.length; i++) {
    out.list.push(i ? `,\n${inner}` : inner);
    write(items[i], inner, out);
  }
  out.list.push(`\n${indent}]`);
}

/** A record: on one line when it holds only primitives or lists of primitives and fits. */
function writeObject(record: Record<string, unknown>, indent: string, out: Pieces): void {
  const keys = Object.keys(record);
  let nested = false;
  for (const k of keys) {
    const v = record[k];
    if (v !== null && typeof v === 'object' && (!Array.isArray(v) || v.some(isContainer))) {
      nested = true;
      break;
    }
  }
  if (!nested) {
    const inline = flatJson(record, keys);
    if (inline.length <= INLINE_WIDTH) {
      out.list.push(inline);
      return;
    }
  }
  // Array.prototype.sort's default order compares UTF-16 code units, like `<` on strings.
  const printed = keys.filter((k) => record[k] !== undefined).sort();
  if (!printed.length) {
    out.list.push('{}');
    return;
  }
  const inner = `${indent}  `;
  out.list.push('{\n');
  for (let i = 0; i < printed.length; i++) {
    out.list.push(i ? `,\n${inner}` : inner, JSON.stringify(printed[i]), ': ');
    write(record[printed[i]], inner, out);
  }
  out.list.push(`\n${indent}}`);
}

function isContainer(v: unknown): boolean {
  return v !== null && typeof v === 'object';
}

/**
 * One-line JSON of a record without nested containers: what JSON.stringify prints for a copy with
 * sorted keys, where array-index keys ("2", "10") come first in numeric order, as in any JavaScript
 * object (Object.keys lists them first, in that order).
 */
function flatJson(record: Record<string, unknown>, keys: string[]): string {
  let indexKeys = 0;
  while (indexKeys < keys.length && isArrayIndex(keys[indexKeys])) indexKeys++;
  const order = indexKeys ? [...keys.slice(0, indexKeys), ...keys.slice(indexKeys).sort()] : keys.slice().sort();
  let json = '{';
  for (const k of order) {
    const value = JSON.stringify(record[k]);
    if (value !== undefined) json += `${json.length > 1 ? ',' : ''}${JSON.stringify(k)}:${value}`;
  }
  return `${json}}`;
}

function isArrayIndex(key: string): boolean {
  const c = key.charCodeAt(0);
  return c >= 48 && c <= 57 && /^(?:0|[1-9][0-9]{0,9})$/.test(key) && Number(key) < 2 ** 32 - 1;
}
