import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dictionaryFrequency, dictionaryTotals, phraseDictionaryFrequencies } from '../../server/src/engine/text/segmenter';

const DICT = path.join(path.dirname(require.resolve('nodejieba/package.json')), 'submodules/cppjieba/dict/jieba.dict.utf8');

/** The `freq` column of `word`'s line, read with a plain line split (the index reads it in place). */
function listedFrequency(word: string): number | undefined {
  const line = readFileSync(DICT, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${word} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
}

describe('reference dictionary (jieba.dict.utf8)', () => {
  // What keyness compares with: a word's count in the dictionary file (-1 when unlisted) and the file's totals.
  const d = {
    has: (word: string) => dictionaryFrequency(word) >= 0,
    frequency: (word: string) => Math.max(0, dictionaryFrequency(word)),
    ...dictionaryTotals(),
  };

  it('finds listed words with their frequency, single characters and multi-character words alike', () => {
    for (const word of ['的', '发展', '高质量', '中华人民共和国', '中华人民共和国中央人民政府']) {
      expect(d.has(word)).toBe(true);
      expect(d.frequency(word)).toBe(listedFrequency(word));
    }
  });

  it('does not find what is not listed, including prefixes and extensions of listed words', () => {
    for (const word of ['中华人民共', '中华人民共和国万岁', '发展发展发展', '', 'zzzq']) {
      expect(listedFrequency(word)).toBeUndefined();
      expect(d.has(word)).toBe(false);
      expect(d.frequency(word)).toBe(0);
    }
  });

  it('counts every entry and every occurrence', () => {
    const lines = readFileSync(DICT, 'utf8').split('\n').filter((l) => l.includes(' '));
    expect(d.size).toBe(new Set(lines.map((l) => l.split(' ')[0])).size);
    expect(d.total).toBe(lines.reduce((s, l) => s + Number(l.split(' ')[1]), 0));
  });

  it('gives a phrase it does not list the count of its rarest word, for keyness', () => {
    expect(d.has('推动高质量发展')).toBe(false);
    const [phrase, listed] = phraseDictionaryFrequencies(['推动高质量发展', '发展']);
    expect(listed).toBe(d.frequency('发展'));
    expect(phrase).toBe(Math.min(d.frequency('推动'), d.frequency('高质量'), d.frequency('发展')));
  });
});
