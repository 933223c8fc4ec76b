import { describe, expect, it } from 'vitest';
import { parseDraft } from '../../server/src/engine/parse/draft';
import { bodyTokens, forEachCandidate, NgramTable } from '../../server/src/engine/phrases/candidates';

// What learning counts as a possible formulaic phrase: n-grams of 2–4 adjacent content words
// (3–10 characters) and quoted slogans, never words of the headline.
const DRAFT = [
  '老旧小区改造要见实效',
  '●周明远',
  '推动高质量发展，关键在落实。各地推动高质量发展的做法不尽相同，但都离不开真金白银的投入。',
  '市里提出“高质量发展”的要求后，街道把“民生清单”贴上了墙，居民说：“好看不如好用。”',
].join('\n');

/** Candidates with their texts, in the order they are handed on, found with `table` (a fresh one unless given). */
const candidates = (draft: string, table = new NgramTable()) => {
  const doc = parseDraft(draft);
  const out: { phrase: string; start: number; end: number; quoted: boolean }[] = [];
  forEachCandidate(doc, table, bodyTokens(doc), (ngram, quote, start, end, quoted) => out.push({ phrase: table.text(ngram, quote), start, end, quoted }));
  return out;
};
const show = (occurrences: ReturnType<typeof candidates>) => occurrences.map((o) => `${o.start}:${o.phrase}${o.quoted ? '(引)' : ''}`);

describe('candidate phrases of a draft', () => {
  it('are content-word n-grams and quoted slogans, in document order, each place and phrase once', () => {
    const occurrences = candidates(DRAFT);
    const phrases = occurrences.map((o) => o.phrase);
    expect(phrases).toContain('推动高质量');
    expect(phrases).toContain('高质量发展');
    expect(phrases.filter((p) => p === '推动高质量发展').length).toBe(2);
    // A quotation that is also an n-gram at the same place is one occurrence, marked quoted.
    const quotedAt = DRAFT.indexOf('“高质量发展”') + 1;
    expect(occurrences.filter((o) => o.start === quotedAt && o.phrase === '高质量发展').map((o) => o.quoted)).toEqual([true]);
    expect(show(occurrences)).toContain(`${DRAFT.indexOf('“民生清单”') + 1}:民生清单(引)`);
    // Dialogue is not a slogan.
    expect(phrases).not.toContain('好看不如好用');
    // Headline words are the draft's subject, not slogans.
    expect(phrases.some((p) => p.includes('老旧小区'))).toBe(false);
    for (let i = 1; i < occurrences.length; i++) expect(occurrences[i].start).toBeGreaterThanOrEqual(occurrences[i - 1].start);
    expect(new Set(show(occurrences)).size).toBe(occurrences.length);
    for (const o of occurrences) expect(DRAFT.slice(o.start, o.end)).toBe(o.phrase);
  });

  it('are the same with a fresh n-gram table and with one a learner kept across articles', () => {
    const other = '乡村书屋别只挂牌子\n●林知远\n真金白银投向乡村书屋，推动高质量发展才有底气。书屋管理员说，借阅量翻了一番。';
    const kept = new NgramTable();
    candidates(other, kept);
    expect(show(candidates(DRAFT, kept))).toEqual(show(candidates(DRAFT)));
    expect(show(candidates(other, kept))).toEqual(show(candidates(other)));
  });
});
