// The portable segmenter (the patched cppjieba as WebAssembly, server/wasm/) must say exactly what the
// native addon says: the same words, tags and offsets (UTF-16 lengths), the same word and tag ids,
// the same dictionary counts. Both backends run side by side in this process, each with its own
// ids, over the whole shared corpus and over text made to be awkward.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JiebaBackend } from '../../server/src/engine/text/jieba/backend';
import { dictionaryFiles } from '../../server/src/engine/text/jieba';
import { loadNativeBackend } from '../../server/src/engine/text/jieba/native';
import { loadPortableBackend } from '../../server/src/engine/text/jieba/wasm';
import { CORPUS_DIR, hasCorpus, PROJECT_ROOT } from '../helpers/corpus';

let native: JiebaBackend;
let portable: JiebaBackend;

beforeAll(() => {
  native = loadNativeBackend();
  portable = loadPortableBackend(path.join(PROJECT_ROOT, 'server/wasm'));
  native.load(dictionaryFiles());
  portable.load(dictionaryFiles());
});

/** `text` as jieba cut it: "offset:word/tag#id" per word, for a readable difference when one fails. */
function words(text: string, triples: Int32Array, tagNames: string[]): string[] {
  const out: string[] = [];
  for (let i = 0, at = 0; i < triples.length; at += triples[i], i += 3) {
    out.push(`${at}:${text.slice(at, at + triples[i])}/${tagNames[triples[i + 1]]}#${triples[i + 2]}`);
  }
  return out;
}

/** Tags `texts` with both backends, in the same order, and compares everything they say. */
function expectSameTagging(texts: string[]): number {
  let compared = 0;
  for (const text of texts) {
    const fromNative = native.tagPacked(text);
    const fromPortable = portable.tagPacked(text);
    if (fromNative.length !== fromPortable.length || fromNative.some((v, i) => v !== fromPortable[i])) {
      // Tag ids are handed out in the same order on both sides, so the tables agree too.
      expect(words(text, fromPortable, portable.tagNames())).toEqual(words(text, fromNative, native.tagNames()));
    }
    compared += fromNative.length / 3;
  }
  expect(portable.tagNames()).toEqual(native.tagNames());
  return compared;
}

function textFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(txt|md)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

describe.runIf(hasCorpus)('the portable segmenter over the shared corpus', () => {
  it('gives the native addon’s words, tags, offsets and ids for every file of ../shared/corpus', () => {
    const files = textFiles(CORPUS_DIR);
    expect(files.length).toBeGreaterThan(800);
    const words = expectSameTagging(files.map((f) => readFileSync(f, 'utf8')));
    expect(words).toBeGreaterThan(500_000);
  });

  it('gives the same dictionary counts for the corpus’s words and phrases', () => {
    const text = readFileSync(textFiles(path.join(CORPUS_DIR, 'people-daily'))[0], 'utf8');
    const triples = native.tagPacked(text);
    const tokens: string[] = [];
    for (let i = 0, at = 0; i < triples.length; at += triples[i], i += 3) tokens.push(text.slice(at, at + triples[i]));
    // Words, and runs of two to four words (phrases the learner asks about), listed or not.
    const phrases = tokens.flatMap((_, i) => [2, 3, 4].map((n) => tokens.slice(i, i + n).join('')));
    for (const word of tokens) expect(portable.referenceFrequency(word), word).toBe(native.referenceFrequency(word));
    expect(Array.from(portable.phraseReferenceFrequencies(phrases))).toEqual(Array.from(native.phraseReferenceFrequencies(phrases)));
  });
});

describe('the portable segmenter on awkward text', () => {
  it('agrees with the native addon on emoji, astral and rare characters, lone surrogates, NUL, Latin, digits and empty text', () => {
    expectSameTagging([
      '',
      ' ',
      '\0',
      '推动高质量发展😀，“𠀀”字与𪚥字不影响分词。',
      '孤立的代理项\uD800在这里，\uDC00也在这里。',
      '全市GDP增长6.5%，约合US$1,234.5亿元；第3季度、2024年、１２３全角数字。',
      'line one\r\nline two\ttab\u00A0nbsp\u3000全角空格',
      '的'.repeat(20_000),
      '“双千”计划，一千二百余家企业；两万多名高校毕业生找到工作。'.repeat(400),
    ]);
  });

  it('tags the recorded stock-nodejieba sentences as the native addon does', () => {
    const lines = readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/segmentation/input.txt'), 'utf8').split('\n').filter(Boolean);
    expectSameTagging(lines);
  });

  it('gives the main dictionary’s totals and counts, -1 for words it does not list', () => {
    expect(portable.referenceTotals()).toEqual(native.referenceTotals());
    for (const word of ['发展', '高质量', '的', '推动高质量发展', '😀', '', 'GDP']) {
      expect(portable.referenceFrequency(word), word).toBe(native.referenceFrequency(word));
    }
    expect(portable.referenceFrequency('推动高质量发展')).toBe(-1);
  });
});
