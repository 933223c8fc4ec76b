// Character classes used across the engine.

/** CJK unified ideographs incl. extensions (BMP and astral) and compatibility ideographs. */
export const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]/u;
/** Count Han characters in a string (a code-unit loop: this runs over every corpus article). */
export function countHan(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) n++;
    else if (c >= 0xd840 && c <= 0xd884 && i + 1 < text.length) {
      const cp = text.codePointAt(i)!;
      if (cp >= 0x20000 && cp <= 0x3134f) {
        n++;
        i++;
      }
    }
  }
  return n;
}

/**
 * The length of the sentence-final mark starting at `at` of `text` (0 where none starts): full-width
 * 。！？, half-width ! and ? (which pasted drafts often carry), an ellipsis (… or ……) and runs of
 * three to six dots, as /[。！？!?]|…{1,2}|\.{3,6}/ would match there in text[0, end). A loop over character codes: every
 * keystroke re-parses the draft, and a match object per sentence was garbage for the collector.
 */
export function sentenceEndLength(text: string, at: number, end = text.length): number {
  const c = text.charCodeAt(at);
  if (c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0x21 || c === 0x3f) return 1;
  if (c === 0x2026) return at + 1 < end && text.charCodeAt(at + 1) === 0x2026 ? 2 : 1;
  if (c !== 0x2e) return 0;
  let dots = 1;
  while (dots < 6 && at + dots < end && text.charCodeAt(at + dots) === 0x2e) dots++;
  return dots >= 3 ? dots : 0;
}

/** Closing marks that belong to the sentence they follow (。” stays with its sentence). */
export const TRAILING_CLOSERS = '”’」』）)》】';
