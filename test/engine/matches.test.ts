import { describe, expect, it } from 'vitest';
import { matchesOf } from '../../server/src/engine/text/matches';

const show = (ms: Iterable<RegExpMatchArray>) => [...ms].map((m) => `${m.index}:${m[0]}`);

describe('matchesOf', () => {
  it('finds what matchAll finds, empty matches and astral characters included, however often it is reused', () => {
    const text = '前三季度增长5.2%😀，𠀀字“双千”计划覆盖1,200家企业……';
    const patterns = [/[0-9]+(?:[.,][0-9]+)*/g, /(?:)/gu, /(?:)/g, /“[^”]*”/g, /[\u{20000}-\u{3134f}]|\p{Emoji_Presentation}/gu, /字?/gu];
    for (const re of patterns) {
      expect(show(matchesOf(re, text)), String(re)).toEqual(show(text.matchAll(re)));
      expect(show(matchesOf(re, text)), String(re)).toEqual(show(text.matchAll(re)));
    }
    // A loop left early does not disturb the next one.
    const digits = /[0-9]/g;
    for (const m of matchesOf(digits, text)) if (m) break;
    expect(show(matchesOf(digits, text))).toEqual(show(text.matchAll(digits)));
  });
});
