// Offsets → 0-based line / UTF-16 character ranges and the text they span, shared by the formatters.
// A cached result may come without its text (`located`): both are then answered from the cache.

import { computeLineStarts, positionAt, type Position } from '../../engine/text/positions';
import type { FormatResult } from './types';

export interface RangeFinder {
  range(start: number, end: number): { start: Position; end: Position };
  /** The text from `start` to `end`. */
  quote(start: number, end: number): string;
}

export function rangeFinder(result: FormatResult): RangeFinder {
  let lineStarts = result.located?.lineStarts;
  return {
    range(start, end) {
      lineStarts ??= computeLineStarts(result.text);
      return { start: positionAt(lineStarts, start), end: positionAt(lineStarts, end) };
    },
    quote(start, end) {
      return result.located ? result.located.quote(start, end) : result.text.slice(start, end);
    },
  };
}
