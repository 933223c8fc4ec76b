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

/** Full-width sentence-final marks, plus half-width ! and ? which pasted drafts often carry. */
export const SENTENCE_END = /[。！？!?]|…{1,2}|\.{3,6}/g;

/** Closing marks that belong to the sentence they follow (。” stays with its sentence). */
export const TRAILING_CLOSERS = '”’」』）)》】';
