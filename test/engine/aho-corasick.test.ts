import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AhoCorasick } from '../../server/src/engine/phrases/aho-corasick';

function naive(patterns: string[], text: string) {
  const out: { pattern: number; start: number; end: number }[] = [];
  patterns.forEach((p, pattern) => {
    if (!p) return;
    for (let i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) out.push({ pattern, start: i, end: i + p.length });
  });
  return out;
}

const byPosition = (a: { start: number; end: number; pattern: number }, b: { start: number; end: number; pattern: number }) =>
  a.start - b.start || a.end - b.end || a.pattern - b.pattern;

describe('AhoCorasick', () => {
  it('finds overlapping and nested Chinese phrases with UTF-16 offsets', () => {
    const ac = new AhoCorasick(['高质量发展', '质量', '发展', '推动高质量发展']);
    const text = '要推动高质量发展，发展是硬道理';
    const got = ac.findAll(text).sort(byPosition);
    expect(got).toEqual([
      { pattern: 3, start: 1, end: 8 },
      { pattern: 0, start: 3, end: 8 },
      { pattern: 1, start: 4, end: 6 },
      { pattern: 2, start: 6, end: 8 },
      { pattern: 2, start: 9, end: 11 },
    ]);
    for (const m of got) expect(text.slice(m.start, m.end)).toBe(ac.patterns[m.pattern]);
  });

  it('counts characters outside the BMP as two code units', () => {
    const ac = new AhoCorasick(['𠀀字号']);
    expect(ac.findAll('老𠀀字号作坊')).toEqual([{ pattern: 0, start: 1, end: 5 }]);
  });

  it('follows failure links across a partial match', () => {
    const ac = new AhoCorasick(['能级跃升', '级跃']);
    expect(ac.findAll('能级能级跃升').sort(byPosition)).toEqual([
      { pattern: 0, start: 2, end: 6 },
      { pattern: 1, start: 3, end: 5 },
    ]);
  });

  it('finds nothing with no patterns or no match', () => {
    expect(new AhoCorasick([]).findAll('幸福半径')).toEqual([]);
    expect(new AhoCorasick(['数字贸易']).findAll('数字经济与贸易')).toEqual([]);
  });

  it('agrees with a naive search on random text', () => {
    const alphabet = fc.constantFrom('发', '展', '高', '质', '量', 'a', '𠀀');
    const word = fc.array(alphabet, { minLength: 1, maxLength: 4 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(word, { maxLength: 6 }), fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')), (patterns, text) => {
        const got = new AhoCorasick(patterns).findAll(text).sort(byPosition);
        expect(got).toEqual(naive(patterns, text).sort(byPosition));
      }),
    );
  });
});
