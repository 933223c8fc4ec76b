import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as nodejieba from 'nodejieba';
import { describe, expect, it } from 'vitest';
import { parseDraft } from '../../server/src/engine/parse/draft';
import { ensureSegmenterLoaded } from '../../server/src/engine/text/segmenter';
import { hasCorpus, PEOPLE_DAILY_DIR } from '../helpers/corpus';

// Tokens are tagged clause by clause, on demand. jieba cuts its input at the same separators before
// it segments, so the result must equal tagging each paragraph whole.
function wholeParagraphTokens(text: string): string[] {
  ensureSegmenterLoaded();
  const out: string[] = [];
  for (const p of parseDraft(text).paragraphs) {
    if (p.kind === 'byline' || p.kind === 'comment') continue;
    let cursor = p.start;
    for (const { word, tag } of nodejieba.tag(p.text)) {
      const at = text.indexOf(word, cursor);
      out.push(`${at}:${word}/${tag}`);
      cursor = at + word.length;
    }
  }
  return out;
}

const lazyTokens = (text: string) => parseDraft(text).allTokens().map((t) => `${t.start}:${t.word}/${t.tag}`);

const DRAFT = [
  '让“双千”计划真正落地',
  '●林知远',
  '今年前三季度，全市新增就业岗位12.6万个，同比增长8.3%。 这组数字来之不易，也提醒我们：高质量发展不是口号，而是一件件实事。',
  '记者从市人社局获悉，截至9月底，全市城镇调查失业率为5.1%；青年群体的就业压力仍然不小。推动高质量发展，要拿出真金白银。',
  '全市共有一千二百余家企业参与“双千”计划，两万多名高校毕业生因此找到工作😀，“𠀀”字不影响分词。',
].join('\n');

describe('lazy clause tokens', () => {
  it('equal tagging whole paragraphs, separators, emoji and astral characters included', () => {
    const lazy = lazyTokens(DRAFT);
    expect(lazy).toEqual(wholeParagraphTokens(DRAFT));
    expect(lazy.some((s) => s.endsWith(':，/x'))).toBe(true);
    expect(lazy.some((s) => s.includes(':高质量/n'))).toBe(true);
  });

  it('tokensIn returns the tokens starting inside a span, at their offsets in the draft', () => {
    const doc = parseDraft(DRAFT);
    const at = DRAFT.indexOf('高质量发展');
    expect(doc.tokensIn({ start: at, end: at + 5 }).map((t) => t.word)).toEqual(['高质量', '发展']);
    const sentence = doc.sentences.find((s) => s.text.includes('失业率'))!;
    const inSentence = doc.tokensIn(sentence);
    for (const t of inSentence) expect(DRAFT.slice(t.start, t.end)).toBe(t.word);
    expect(inSentence.map((t) => t.word).join('')).toBe(sentence.text);
    const byline = DRAFT.indexOf('●');
    expect(doc.tokensIn({ start: byline, end: byline + 4 })).toEqual([]);
  });

  it('are the same whichever a rule asks for first: clause by clause, all at once, or some of each', () => {
    const show = (tokens: readonly { start: number; word: string; tag: string }[]) => tokens.map((t) => `${t.start}:${t.word}/${t.tag}`);
    const whole = { start: 0, end: DRAFT.length };
    const byClause = show(parseDraft(DRAFT).tokensIn(whole));
    const allFirst = parseDraft(DRAFT);
    expect(show(allFirst.allTokens())).toEqual(byClause);
    expect(show(allFirst.tokensIn(whole))).toEqual(byClause);
    const mixed = parseDraft(DRAFT);
    const sentence = mixed.sentences.find((s) => s.text.includes('失业率'))!;
    const inSentence = show(mixed.tokensIn(sentence));
    expect(show(mixed.allTokens())).toEqual(byClause);
    expect(show(allFirst.tokensIn(sentence))).toEqual(inSentence);
  });

  it('leaves HTML comments out', () => {
    const text = '标题在这里\n正文说明问题，<!-- 编辑：核对数字 -->结论在后面。';
    const words = parseDraft(text).allTokens().map((t) => t.word);
    expect(words).toContain('结论');
    expect(words.some((w) => /编辑|核对/.test(w))).toBe(false);
  });
});

describe.runIf(hasCorpus)('lazy clause tokens on the corpus', () => {
  it('equal tagging whole paragraphs in 60 people-daily articles', () => {
    const names = readdirSync(PEOPLE_DAILY_DIR).filter((n) => n.endsWith('.txt')).sort().slice(0, 60);
    for (const name of names) {
      const text = readFileSync(path.join(PEOPLE_DAILY_DIR, name), 'utf8');
      expect(lazyTokens(text), name).toEqual(wholeParagraphTokens(text));
    }
  });
});
