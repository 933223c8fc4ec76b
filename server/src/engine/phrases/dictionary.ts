// jieba's stop-word list, shipped with its dictionary: the function words (的, 在, 是, 我们…) that glue a
// phrase to its sentence rather than belonging to it (phrases/features.ts). Only learning asks.

import { readFileSync } from 'node:fs';
import path from 'node:path';

let stopWords: Set<string> | undefined;

function dictDir(): string {
  return path.join(path.dirname(require.resolve('nodejieba/package.json')), 'submodules/cppjieba/dict');
}

/** jieba's stop-word list. */
export function stopWordList(): Set<string> {
  stopWords ??= new Set(
    readFileSync(path.join(dictDir(), 'stop_words.utf8'), 'utf8')
      .split('\n')
      .map((w) => w.trim())
      .filter(Boolean),
  );
  return stopWords;
}
