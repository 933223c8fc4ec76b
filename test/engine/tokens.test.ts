import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as nodejieba from 'nodejieba';
import { describe, expect, it, vi } from 'vitest';
import { parseDraft, segmentTogether } from '../../server/src/engine/parse/draft';
import { jieba } from '../../server/src/engine/text/jieba';
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

describe('tokens segmented for several drafts in one call (segmentTogether)', () => {
  // Astral characters (two UTF-16 units each) early in the batch shift every later draft's words.
  const drafts = [
    '表情也算字吗\n网友留言里夹着😀和“𠀀”，系统要按UTF-16数位置。后面的句子，位置不能错。',
    '',
    '标题只有一行',
    '让“双千”计划真正落地\n●林知远\n今年前三季度，全市新增就业岗位12.6万个。<!-- 编辑：核对 -->推动高质量发展，要拿出真金白银。\n\n  第二段前面有空格，后面也有。  ',
    '𪚥字开头的标题\n正文第一句。正文第二句，说明问题。',
  ];
  const show = (tokens: readonly { start: number; end: number; word: string; tag: string }[]) => tokens.map((t) => `${t.start}-${t.end}:${t.word}/${t.tag}`);

  it('hand each draft its own tokens at its own offsets', () => {
    const alone = drafts.map((text) => show(parseDraft(text).allTokens()));
    const docs = drafts.map((text) => parseDraft(text));
    segmentTogether(docs);
    const segment = vi.spyOn(jieba(), 'tagPacked');
    try {
      docs.forEach((doc, i) => {
        expect(show(doc.allTokenColumns().tokens()), drafts[i]).toEqual(alone[i]);
        expect(show(doc.allTokens()), drafts[i]).toEqual(alone[i]);
        for (const t of doc.allTokens()) expect(drafts[i].slice(t.start, t.end)).toBe(t.word);
      });
      expect(segment).not.toHaveBeenCalled();
    } finally {
      segment.mockRestore();
    }
    const astral = docs[0].allTokens();
    expect(astral.find((t) => t.word === '𠀀')).toMatchObject({ start: drafts[0].indexOf('𠀀'), end: drafts[0].indexOf('𠀀') + 2 });
    expect(docs[1].allTokens()).toEqual([]);
    const sentence = docs[3].sentences.find((s) => s.text.includes('真金白银'))!;
    expect(docs[3].tokensIn(sentence).map((t) => t.word).join('')).toBe(sentence.text);
    expect(docs[4].tokensIn({ start: 0, end: 2 })[0]).toMatchObject({ start: 0, word: '𪚥' });
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
