import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../server/src/engine/config/types';
import { applyEdits, applyFixes } from '../../server/src/engine/fix';
import { lintText } from '../../server/src/engine/lint';
import { parseDraft } from '../../server/src/engine/parse/draft';
import { emptyProfile } from '../../server/src/engine/profile/empty';
import { brokenLine } from '../../server/src/engine/rules/broken-line';
import { punctuationPairing } from '../../server/src/engine/rules/punctuation-pairing';
import { punctuationWidth } from '../../server/src/engine/rules/punctuation-width';
import type { Rule } from '../../server/src/engine/rules/rule';
import type { Finding } from '../../server/src/engine/types';
import { hasCorpus, SEED_DIR } from '../helpers/corpus';

const HEAD = '社区食堂的账本\n\n●王英\n\n';
const profile = emptyProfile('typography-test');

function lint(text: string, rule: Rule<any>): Finding[] {
  return lintText(text, profile, defaultConfig(), undefined, [rule]).findings;
}

/** The draft after applying every fix of these findings. */
function fixed(text: string, findings: Finding[]): string {
  return applyFixes(text, findings).text;
}

describe('punctuation-width', () => {
  it('flags half-width marks between Chinese and fixes them to full width', () => {
    const text = `${HEAD}今年以来,社区食堂每天供应三百份午餐;老人们说:饭菜合口味!这样的食堂还能开多久?\n`;
    const findings = lint(text, punctuationWidth);
    expect(findings.map((f) => text.slice(f.start, f.end))).toEqual([',', ';', ':', '!', '?']);
    expect(findings[0]).toMatchObject({ ruleId: 'punctuation-width', severity: 'warning', start: HEAD.length + 4, end: HEAD.length + 5 });
    expect(fixed(text, findings)).toBe(`${HEAD}今年以来，社区食堂每天供应三百份午餐；老人们说：饭菜合口味！这样的食堂还能开多久？\n`);
  });

  it('drops a space typed around the mark', () => {
    const text = `${HEAD}食堂的账本越算越清楚! 居民的心里也越来越踏实 , 这是实打实的变化。\n`;
    expect(fixed(text, lint(text, punctuationWidth))).toBe(`${HEAD}食堂的账本越算越清楚！居民的心里也越来越踏实，这是实打实的变化。\n`);
  });

  it('leaves decimals, times, ratios, URLs and English alone', () => {
    const text =
      `${HEAD}人均餐费下降3.5元，开餐时间定在10:30，比分是3:2。详见https://example.cn/canteen,menu说明。` +
      '他用英文写下 Hello, world! 作为留言。报告.pdf 已上传。\n';
    expect(lint(text, punctuationWidth)).toEqual([]);
  });

  it('widens a comma after a figure or a Latin word when Chinese goes on after it', () => {
    const text = `${HEAD}满意度超过86%,用上iPhone,也能扫码点餐。\n`;
    expect(fixed(text, lint(text, punctuationWidth))).toBe(`${HEAD}满意度超过86%，用上iPhone，也能扫码点餐。\n`);
  });

  it('turns a dotted ellipsis into …… and brackets in Chinese into full width, but not f(x)', () => {
    const text = `${HEAD}菜价、房租、人工...样样都要钱。人工智能(AI)排班和GDP(国内生产总值)无关，f(x)函数也用不上。\n`;
    expect(fixed(text, lint(text, punctuationWidth))).toBe(
      `${HEAD}菜价、房租、人工……样样都要钱。人工智能（AI）排班和GDP（国内生产总值）无关，f(x)函数也用不上。\n`,
    );
  });

  it('reports UTF-16 offsets after emoji and astral characters', () => {
    const text = `${HEAD}居民点赞😀说好,𠀀字也显示。\n`;
    const [f] = lint(text, punctuationWidth);
    // 居民点赞 (4) + 😀 (2) + 说好 (2): the comma is 8 code units into the body.
    expect(f).toMatchObject({ start: HEAD.length + 8, end: HEAD.length + 9 });
    expect(text.slice(f.start, f.end)).toBe(',');
  });
});

describe('punctuation-pairing', () => {
  it('reports an unclosed quotation mark', () => {
    const body = '老人们说：“饭菜合口味，价钱也公道。\n';
    const text = HEAD + body;
    const findings = lint(text, punctuationPairing);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'punctuation-pairing', severity: 'error', start: HEAD.length + 5, end: HEAD.length + 6 });
    expect(findings[0].message).toContain('”');
  });

  it('reports a closing book-title mark with no opening one, and a bracket closed by the wrong mark', () => {
    const text = `${HEAD}社区食堂管理办法》明年施行。《食堂规范（试行》已经印发。\n`;
    const marks = lint(text, punctuationPairing).map((f) => text.slice(f.start, f.end));
    expect(marks).toEqual(['》', '（']);
  });

  it('reports an unmatched closing bracket and square bracket', () => {
    const text = `${HEAD}食堂每周公示菜价）。【公告 本周菜单已更新。\n`;
    expect(lint(text, punctuationPairing).map((f) => text.slice(f.start, f.end))).toEqual(['）', '【']);
  });

  it('accepts balanced and nested marks, apostrophes and numbered list items', () => {
    const text =
      `${HEAD}他说：“大家常念叨‘吃饭是大事’，《社区食堂管理办法》（试行）就写在墙上。”` +
      'The canteen’s menu changes weekly.\n\n1）公示菜价。\n\n二）听取意见。\n';
    expect(lint(text, punctuationPairing)).toEqual([]);
  });

  it('accepts a multi-paragraph quotation that opens each paragraph and closes only at the end', () => {
    const text = `${HEAD}老站长在信里写道：\n\n“食堂开张那天，街坊们排起了长队。\n\n“如今十年过去，队伍一天也没断过。\n\n“希望后来人把这份烟火气守下去。”\n`;
    expect(lint(text, punctuationPairing)).toEqual([]);
  });

  it('still reports a multi-paragraph quotation that never closes', () => {
    const text = `${HEAD}“食堂开张那天，街坊们排起了长队。\n\n“如今十年过去，队伍一天也没断过。\n\n后来的事大家都知道了。\n`;
    const findings = lint(text, punctuationPairing);
    expect(findings).toHaveLength(1);
    expect(findings[0].start).toBe(text.indexOf('“如今'));
  });

  it('reports UTF-16 offsets after emoji and astral characters', () => {
    const text = `${HEAD}🍚𠀀“饭菜香\n`;
    const [f] = lint(text, punctuationPairing);
    expect(f.start).toBe(HEAD.length + 4);
    expect(text.slice(f.start, f.end)).toBe('“');
  });
});

describe('broken-line', () => {
  it('reports a word split across a paragraph break and joins it', () => {
    const text = `${HEAD}社区食堂每天供应午餐，老人们排队时总会聊起家常。不少居民建议延长营业时\n\n间，让上班族也能吃上一口热饭。\n`;
    const findings = lint(text, brokenLine);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({ ruleId: 'broken-line', severity: 'warning' });
    expect(text.slice(f.start, f.end)).toBe('时\n\n间');
    expect(f.message).toContain('“营业时间”');
    expect(applyEdits(text, f.fix!.edits)).toBe(`${HEAD}社区食堂每天供应午餐，老人们排队时总会聊起家常。不少居民建议延长营业时间，让上班族也能吃上一口热饭。\n`);
  });

  it('reports a sentence cut after a finished one, and a paragraph ending on a comma', () => {
    const text =
      `${HEAD}食堂开了三年，口碑越来越好。\n\n食堂的账本越算越清楚。街道计划明年再开两家，选址会优先考虑\n\n老年人集中的片区。\n\n` +
      '房租、水电和人工都要精打细算，\n\n才能让价格长期稳定下来。\n';
    const findings = lint(text, brokenLine);
    expect(findings.map((f) => doc(text).positionAt(f.start).line)).toEqual([6, 10]);
    expect(fixed(text, findings)).toBe(
      `${HEAD}食堂开了三年，口碑越来越好。\n\n食堂的账本越算越清楚。街道计划明年再开两家，选址会优先考虑老年人集中的片区。\n\n房租、水电和人工都要精打细算，才能让价格长期稳定下来。\n`,
    );
  });

  it('does not take a paragraph opening with a decimal for a numbered list item', () => {
    const text = `${HEAD}食堂开了三年，口碑越来越好。\n\n管网老化的问题拖了多年。今年街道追加投入，总额达到\n\n3.5亿元，用于改造老旧管网。\n`;
    const [f] = lint(text, brokenLine);
    expect(text.slice(f.start, f.end)).toBe('到\n\n3');
  });

  it('joins English words with a space', () => {
    const text = `${HEAD}食堂的账本越算越清楚。\n\n这家食堂上线了小程序，名字叫 Canteen\n\nHelper，点餐更快了，居民说方便多了。\n`;
    const [f] = lint(text, brokenLine);
    expect(applyEdits(text, f.fix!.edits)).toContain('Canteen Helper，');
  });

  it('leaves headline, byline, subheadings, list items, Markdown headings and captions alone', () => {
    const text =
      '社区食堂的账本\n\n●王英\n\n小小食堂连着大民生\n\n食堂每天供应三百份午餐，老人们吃得放心。\n\n' +
      '一、把价格定在居民心坎上\n\n价格公示上墙，居民一目了然。\n\n## 让食堂走得更远\n\n连锁经营正在试点。\n\n' +
      '■图为食堂午餐时段\n\n街坊们排队打饭。\n\n把小事办好，就是把民生办实\n\n说到底，食堂办得好不好，居民最有发言权。\n';
    expect(lint(text, brokenLine)).toEqual([]);
  });

  it('leaves pull-quote ledes under the headline alone', () => {
    const text = '社区食堂的账本\n\n一碗热饭里，装着基层治理的细节和温度\n\n食堂每天供应三百份午餐，老人们吃得放心。\n';
    expect(lint(text, brokenLine)).toEqual([]);
  });

  it('reports UTF-16 offsets after emoji and astral characters', () => {
    const text = `${HEAD}🍚𠀀食堂的账本越算越清楚。居民建议延长营业时\n\n间。\n`;
    const [f] = lint(text, brokenLine);
    expect(f.start).toBe(text.indexOf('时\n'));
    expect(f.start).toBe(HEAD.length + 4 + 11 + 8);
    expect(f.end).toBe(f.start + 4);
  });
});

const doc = (text: string) => parseDraft(text);

describe.runIf(hasCorpus)('typography on the seed page linted as a draft', () => {
  const text = hasCorpus ? readFileSync(path.join(SEED_DIR, '000_04026514415af3a8.txt'), 'utf8') : '';
  const findings = hasCorpus ? lintText(text, profile, defaultConfig(), undefined, [punctuationWidth, punctuationPairing, brokenLine]).findings : [];

  it('flags every half-width comma between Chinese characters in its body', () => {
    const flagged = new Set(findings.filter((f) => f.ruleId === 'punctuation-width').map((f) => f.start));
    const commas = [...text.matchAll(/(?<=\p{Script=Han}),(?=\p{Script=Han})/gu)].map((m) => m.index!);
    expect(commas.length).toBeGreaterThan(200);
    for (const at of commas) expect(flagged.has(at)).toBe(true);
  });

  it('flags its four paragraphs broken mid-sentence, two of them mid-word', () => {
    const broken = findings.filter((f) => f.ruleId === 'broken-line');
    expect(broken.map((f) => doc(text).positionAt(f.start).line)).toEqual([22, 34, 128, 132]);
    expect(broken.filter((f) => f.message.startsWith('词语'))).toHaveLength(2);
    for (const f of broken) expect(f.fix?.edits[0].newText).toBe('');
  });

  it('finds no unpaired marks', () => {
    expect(findings.filter((f) => f.ruleId === 'punctuation-pairing')).toEqual([]);
  });
});
