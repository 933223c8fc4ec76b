// The keystroke draft and a writer's edits to it. Both are made at bench time from the corpus and
// never committed.

import type { Article } from './folder';

export interface Edit {
  /** UTF-16 offset in the text before the edit. */
  offset: number;
  deleteCount: number;
  insert: string;
}

/** A draft of exactly `chars` characters: one headline and body paragraphs of several articles. */
export function buildDraft(articles: Article[], chars: number): string {
  const lines = [articles[0].head[0]];
  let length = lines[0].length;
  for (const article of articles) {
    for (const p of article.paragraphs) {
      lines.push(p);
      length += p.length + 2;
      if (length >= chars) break;
    }
    if (length >= chars) break;
  }
  const text = lines.join('\n\n');
  if (text.length < chars) throw new Error(`corpus too small for a ${chars}-character draft`);
  // Cut the last paragraph so the draft has the requested length and still ends a sentence.
  return text.slice(0, chars - 1) + '。';
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Characters a writer types: common words' characters and the two most common marks.
const TYPED = '我们的发展要把工作做实落细让群众有更多获得感，。';

/**
 * `count` one-character edits as a writer makes them: a run of typed characters at one place in a
 * body paragraph, now and then a backspace, then another place.
 */
export function typingEdits(text: string, count: number, seed = 7): Edit[] {
  const random = seededRandom(seed);
  const edits: Edit[] = [];
  let current = text;
  let cursor = -1;
  let runLeft = 0;
  while (edits.length < count) {
    if (runLeft === 0 || cursor < 0) {
      cursor = pickBodyOffset(current, random);
      runLeft = 3 + Math.floor(random() * 10);
    }
    let edit: Edit;
    if (random() < 0.15 && cursor > 0 && !isLineBreak(current[cursor - 1])) {
      edit = { offset: cursor - 1, deleteCount: 1, insert: '' };
      cursor -= 1;
    } else {
      edit = { offset: cursor, deleteCount: 0, insert: TYPED[Math.floor(random() * TYPED.length)] };
      cursor += 1;
    }
    current = applyEdit(current, edit);
    edits.push(edit);
    runLeft--;
  }
  return edits;
}

function isLineBreak(ch: string | undefined): boolean {
  return ch === '\n' || ch === '\r';
}

/** An offset inside a body paragraph (not the headline), between two Han characters or marks. */
function pickBodyOffset(text: string, random: () => number): number {
  const firstBreak = text.indexOf('\n');
  for (;;) {
    const at = firstBreak + 2 + Math.floor(random() * (text.length - firstBreak - 3));
    if (!isLineBreak(text[at]) && !isLineBreak(text[at - 1])) return at;
  }
}

export function applyEdit(text: string, edit: Edit): string {
  return text.slice(0, edit.offset) + edit.insert + text.slice(edit.offset + edit.deleteCount);
}

/** 0-based line and UTF-16 character of `offset`, as LSP positions count them. */
export function lspPosition(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}
