// Tokenises drafts written for this test with the shipped TextMate grammar (vscode-textmate +
// vscode-oniguruma, as VS Code does) and checks the scopes a theme colours.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar } from 'vscode-textmate';

const root = path.resolve(__dirname, '../..');
let grammar: IGrammar;

beforeAll(async () => {
  const wasm = readFileSync(path.join(root, 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      if (scopeName !== 'text.opinion-draft') return null;
      const file = path.join(root, 'syntaxes/opinion-draft.tmLanguage.json');
      return parseRawGrammar(readFileSync(file, 'utf8'), file);
    },
  });
  grammar = (await registry.loadGrammar('text.opinion-draft'))!;
});

/** Every token of the text as [token text, its scopes], line by line. */
function tokenize(text: string): { text: string; scopes: string[]; line: number }[] {
  const out: { text: string; scopes: string[]; line: number }[] = [];
  let stack = INITIAL;
  text.split('\n').forEach((line, index) => {
    const result = grammar.tokenizeLine(line, stack);
    for (const t of result.tokens) out.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes, line: index });
    stack = result.ruleStack;
  });
  return out;
}

/** Scopes of the first token whose text is exactly `piece` (after `fromLine`). */
function scopesOf(tokens: ReturnType<typeof tokenize>, piece: string, fromLine = 0): string[] {
  const token = tokens.find((t) => t.line >= fromLine && t.text === piece);
  if (!token) throw new Error(`no token “${piece}” in ${JSON.stringify(tokens.map((t) => t.text))}`);
  return token.scopes;
}

const DRAFT = [
  '让社区食堂的灶火常旺',
  '●陈思远',
  '',
  '【编者按】老年助餐服务关系千家万户。',
  '据市民政局统计，全市已建成社区食堂126家，日均服务老人3.2万人次。',
  '不少街道把“小食堂”办成了“大民生”，一份午餐只收12元。',
  '<!-- opinion-lint-disable-next-line figure-unsourced slogan-repeat -->',
  '运营成本上涨了百分之三十，有的食堂难以为继。',
  '<!-- 编辑备注：核实数字 -->',
  '（作者为某市社会科学院研究员）',
].join('\n');

describe('opinion-draft grammar', () => {
  it('scopes the first line as the headline', () => {
    const tokens = tokenize(DRAFT);
    expect(scopesOf(tokens, '让社区食堂的灶火常旺')).toContain('markup.heading.headline.opinion-draft');
  });

  it('scopes a byline marker and the author name', () => {
    const tokens = tokenize(DRAFT);
    expect(scopesOf(tokens, '●')).toEqual(['text.opinion-draft', 'meta.byline.opinion-draft', 'punctuation.definition.byline.marker.opinion-draft']);
    expect(scopesOf(tokens, '陈思远')).toContain('entity.name.author.byline.opinion-draft');
  });

  it('does not take a body line starting with a name-like phrase for a byline', () => {
    const tokens = tokenize('标题\n陈思远认为社区食堂要办好。');
    expect(scopesOf(tokens, '陈思远认为社区食堂要办好。', 1)).toEqual(['text.opinion-draft']);
  });

  it('scopes an author note in brackets as a byline', () => {
    const tokens = tokenize(DRAFT);
    expect(scopesOf(tokens, '作者为')).toContain('meta.byline.note.opinion-draft');
    expect(scopesOf(tokens, '某市社会科学院研究员')).toContain('entity.name.author.byline.opinion-draft');
  });

  it('scopes a bracketed section label', () => {
    const tokens = tokenize(DRAFT);
    expect(scopesOf(tokens, '编者按')).toContain('entity.name.tag.section-label.opinion-draft');
  });

  it('scopes a column name alone on its line, not the same word inside a sentence', () => {
    const tokens = tokenize('标题\n画里有话\n这篇观点很鲜明。');
    expect(scopesOf(tokens, '画里有话', 1)).toContain('entity.name.tag.section-label.opinion-draft');
    expect(tokens.filter((t) => t.line === 2).every((t) => !t.scopes.some((s) => s.includes('section-label')))).toBe(true);
  });

  it('scopes figures as number plus unit, including decimals and Chinese numerals', () => {
    const tokens = tokenize(DRAFT);
    expect(scopesOf(tokens, '126')).toContain('constant.numeric.figure.opinion-draft');
    expect(scopesOf(tokens, '家')).toContain('keyword.other.unit.opinion-draft');
    expect(scopesOf(tokens, '3.2')).toContain('constant.numeric.figure.opinion-draft');
    expect(scopesOf(tokens, '万人次')).toContain('keyword.other.unit.opinion-draft');
    expect(scopesOf(tokens, '百分之三十')).toContain('constant.numeric.figure.opinion-draft');
  });

  it('does not scope codes and ordinals as figures', () => {
    const tokens = tokenize('标题\n地铁S43路和5G基站覆盖第三批小区。');
    expect(tokens.some((t) => t.scopes.includes('constant.numeric.figure.opinion-draft'))).toBe(false);
  });

  it('scopes quoted slogans as strings with their marks', () => {
    const tokens = tokenize(DRAFT);
    expect(scopesOf(tokens, '小食堂')).toContain('string.quoted.double.slogan.opinion-draft');
    expect(scopesOf(tokens, '大民生')).toContain('string.quoted.double.slogan.opinion-draft');
    expect(scopesOf(tokens, '“', 5)).toContain('punctuation.definition.string.begin.opinion-draft');
  });

  it('scopes attribution cues', () => {
    const tokens = tokenize(DRAFT);
    expect(scopesOf(tokens, '据')).toContain('keyword.other.attribution.opinion-draft');
    const report = tokenize('标题\n报告显示，该市去年新增就业岗位8000个。');
    expect(scopesOf(report, '报告显示', 1)).toContain('keyword.other.attribution.opinion-draft');
  });

  it('scopes suppression comments with their directive and rule ids', () => {
    const tokens = tokenize(DRAFT);
    expect(scopesOf(tokens, 'opinion-lint-disable-next-line')).toContain('keyword.control.directive.suppression.opinion-draft');
    expect(scopesOf(tokens, 'figure-unsourced')).toContain('constant.language.rule-id.opinion-draft');
    expect(scopesOf(tokens, 'slogan-repeat')).toContain('comment.block.suppression.opinion-draft');
  });

  it('scopes other HTML comments as plain comments, also across lines', () => {
    const tokens = tokenize(DRAFT);
    expect(scopesOf(tokens, ' 编辑备注：核实数字 ')).toContain('comment.block.opinion-draft');
    const multi = tokenize('标题\n<!-- 第一行\n第二行 -->\n正文');
    expect(scopesOf(multi, '第二行 ', 2)).toContain('comment.block.opinion-draft');
    expect(scopesOf(multi, '正文', 3)).toEqual(['text.opinion-draft']);
  });

  it('scopes a Markdown heading as the headline', () => {
    const tokens = tokenize('<!-- 草稿 -->\n# 让社区食堂的灶火常旺\n正文');
    expect(scopesOf(tokens, '让社区食堂的灶火常旺', 1)).toContain('markup.heading.headline.opinion-draft');
  });
});
