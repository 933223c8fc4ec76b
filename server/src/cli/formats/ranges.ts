// Offsets → 0-based line / UTF-16 character ranges, shared by the formatters.

import type { FileLintResult } from '../../engine/results';
import { computeLineStarts, positionAt, type Position } from '../../engine/text/positions';

export interface RangeFinder {
  range(start: number, end: number): { start: Position; end: Position };
}

export function rangeFinder(result: FileLintResult): RangeFinder {
  let lineStarts: number[] | undefined;
  return {
    range(start, end) {
      lineStarts ??= computeLineStarts(result.text);
      return { start: positionAt(lineStarts, start), end: positionAt(lineStarts, end) };
    },
  };
}
