// Offset ↔ LSP position conversion. Offsets are UTF-16 code units (JS string indices), the unit LSP
// positions count by default, so a character outside the BMP (𠀀, emoji) counts as two.

import { partitionPoint } from './partition';

export interface Position {
  line: number;
  character: number;
}

/** Start offset of every line. A line ends at \n, \r\n or a lone \r. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

export function positionAt(lineStarts: number[], offset: number): Position {
  const line = Math.max(0, partitionPoint(lineStarts.length, (i) => lineStarts[i] <= offset) - 1);
  return { line, character: offset - lineStarts[line] };
}

export function offsetAt(lineStarts: number[], textLength: number, pos: Position): number {
  if (pos.line >= lineStarts.length) return textLength;
  const lineStart = lineStarts[Math.max(0, pos.line)];
  const nextStart = pos.line + 1 < lineStarts.length ? lineStarts[pos.line + 1] : textLength;
  return Math.min(lineStart + Math.max(0, pos.character), nextStart);
}

/** True when `offset` falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const prev = text.charCodeAt(offset - 1);
  const next = text.charCodeAt(offset);
  return prev >= 0xd800 && prev <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
}
