// Applies findings' fixes to a text. A fix is all-or-nothing: every edit of it applies or none
// does. Fixes are taken in document order; one that overlaps an edit already taken waits for the
// next pass (the re-lint recomputes it on the new text). A fix is refused when the text it was
// computed on no longer matches the current text at its spans, or when an edit would split a
// surrogate pair.

import { splitsSurrogatePair } from './text/positions';
import type { Finding, TextEdit } from './types';
import { partitionPoint } from './text/partition';

export type FixRefusal = 'stale' | 'overlap' | 'out-of-range' | 'splits-surrogate-pair';

export interface FixOutcome {
  text: string;
  applied: Finding[];
  refused: { finding: Finding; reason: FixRefusal }[];
}

/**
 * Applies the fixes of `findings`, which were computed on `sourceText`, to `currentText` (the
 * same text unless it changed since). Findings without a fix are ignored.
 */
export function applyFixes(currentText: string, findings: readonly Finding[], sourceText: string = currentText): FixOutcome {
  const fixable = findings.filter((f) => f.fix && f.fix.edits.length > 0);
  const ordered = [...fixable].sort((a, b) => firstEdit(a) - firstEdit(b) || a.start - b.start);
  const taken = new TakenEdits();
  const applied: Finding[] = [];
  const refused: FixOutcome['refused'] = [];
  for (const f of ordered) {
    const reason = checkFix(currentText, sourceText, f) ?? (f.fix!.edits.some((e) => taken.overlaps(e)) ? 'overlap' : undefined);
    if (reason) {
      refused.push({ finding: f, reason });
      continue;
    }
    for (const e of f.fix!.edits) taken.add(e);
    applied.push(f);
  }
  return { text: applyEdits(currentText, taken.edits), applied, refused };
}

/**
 * Edits already taken, sorted by start then end, so an overlap test looks at neighbours only: a
 * draft with tens of thousands of fixable marks must not cost a quadratic scan. Taken edits never
 * overlap, so in this order their ends never decrease either.
 */
class TakenEdits {
  readonly edits: TextEdit[] = [];

  overlaps(e: TextEdit): boolean {
    const at = this.insertionPoint(e.start, -1);
    // Walk back while an edit still reaches e, forward while one starts inside it.
    for (let i = at - 1; i >= 0 && this.edits[i].end >= e.start; i--) if (overlaps(this.edits[i], e)) return true;
    for (let i = at; i < this.edits.length && this.edits[i].start <= e.end; i++) if (overlaps(this.edits[i], e)) return true;
    return false;
  }

  add(e: TextEdit): void {
    this.edits.splice(this.insertionPoint(e.start, e.end), 0, e);
  }

  /** Index of the first edit after (start, end) in (start, end) order. */
  private insertionPoint(start: number, end: number): number {
    return partitionPoint(this.edits.length, (i) => this.edits[i].start < start || (this.edits[i].start === start && this.edits[i].end <= end));
  }
}

/** Why this finding's fix cannot be applied to `currentText`, or undefined when it can. */
export function checkFix(currentText: string, sourceText: string, f: Finding): Exclude<FixRefusal, 'overlap'> | undefined {
  const edits = f.fix?.edits ?? [];
  for (const e of edits) {
    if (e.start < 0 || e.end < e.start || e.end > currentText.length || e.end > sourceText.length) return 'out-of-range';
    if (splitsSurrogatePair(currentText, e.start) || splitsSurrogatePair(currentText, e.end)) return 'splits-surrogate-pair';
  }
  // Everything the finding looked at and everything the fix replaces must be unchanged.
  const from = Math.min(f.start, ...edits.map((e) => e.start));
  const to = Math.max(f.end, ...edits.map((e) => e.end));
  if (to > currentText.length || currentText.slice(from, to) !== sourceText.slice(from, to)) return 'stale';
  for (const e of edits) {
    if (sameEdges(currentText, sourceText, e.start, e.end) === false) return 'stale';
    if (/[\ud800-\udbff]$/.test(e.newText) || /^[\udc00-\udfff]/.test(e.newText)) return 'splits-surrogate-pair';
  }
  // Edits of one fix must not overlap each other.
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) if (overlaps(sorted[i - 1], sorted[i])) return 'out-of-range';
  return undefined;
}

/** Applies non-overlapping edits (any order) to `text`. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let cursor = 0;
  for (const e of sorted) {
    out += text.slice(cursor, e.start) + e.newText;
    cursor = e.end;
  }
  return out + text.slice(cursor);
}

export interface FixLoopResult<R> {
  text: string;
  /** Fixes applied over all passes. */
  fixed: number;
  passes: number;
  /** The lint of the final text. */
  result: R;
}

/**
 * Lint → apply fixes → re-lint until no fix applies or `maxPasses` passes ran. Each pass lints
 * the text it fixes, so no fix is ever stale here.
 */
export function fixUntilStable<R extends { findings: Finding[] }>(text: string, lint: (text: string) => R, maxPasses = 10): FixLoopResult<R> {
  let current = text;
  let result = lint(current);
  let fixed = 0;
  let passes = 0;
  while (passes < maxPasses) {
    const outcome = applyFixes(current, result.findings);
    if (outcome.applied.length === 0 || outcome.text === current) break;
    passes++;
    fixed += outcome.applied.length;
    current = outcome.text;
    result = lint(current);
  }
  return { text: current, fixed, passes, result };
}

/** The characters right outside the edit are the same in both texts (catches shifted text). */
function sameEdges(a: string, b: string, start: number, end: number): boolean {
  return a[start - 1] === b[start - 1] && a[end] === b[end];
}

function firstEdit(f: Finding): number {
  return Math.min(...f.fix!.edits.map((e) => e.start));
}

/** Two edits conflict when their ranges intersect, or both insert at the same point. */
function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end;
}
