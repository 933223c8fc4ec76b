// Character classes used across the engine.

/** CJK unified ideographs incl. extensions (BMP and astral) and compatibility ideographs. */
export const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]/u;
export const HAN_GLOBAL = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]/gu;

export function isHan(ch: string): boolean {
  return HAN.test(ch);
}

/** Count Han characters in a string. */
export function countHan(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(HAN_GLOBAL)) n++;
  return n;
}

/** Full-width sentence-final marks, plus half-width ! and ? which pasted drafts often carry. */
export const SENTENCE_END = /[。！？!?]|…{1,2}|\.{3,6}/g;

/** Closing marks that belong to the sentence they follow (。” stays with its sentence). */
export const TRAILING_CLOSERS = '”’」』）)》】';
