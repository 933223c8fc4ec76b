import { describe, expect, it } from 'vitest';
import { densityBand, percentileRank, ReportBuilder, sortValue, type DraftRow, type FolderReport, type SortKey } from '../../server/src/report/model';
import { buildReport, fixtureProfile, fixtureResults, result, RULE_INFO, TEXTS } from './fixtures';

function report(): FolderReport {
  return buildReport(fixtureResults(), fixtureProfile(), { rules: RULE_INFO, title: '评论部', generatedAt: '2026-11-26T03:00:00Z' });
}

const headlines = (rows: { headline: string }[]) => rows.map((r) => r.headline);

/** Rows in the order the page sorts them by a column: by the value it sorts (data-sort), Chinese collation for text. */
function sortRows(rows: readonly DraftRow[], key: SortKey, direction: 'asc' | 'desc'): DraftRow[] {
  const collator = new Intl.Collator('zh-Hans-CN');
  const compare = (a: number | string, b: number | string) => (typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b)));
  return [...rows].sort((a, b) => (direction === 'asc' ? 1 : -1) * compare(sortValue(a, key), sortValue(b, key)) || b.score - a.score || a.file.localeCompare(b.file));
}

describe('report model: aggregation', () => {
  it('makes one row per linted draft and lists skipped files apart', () => {
    const r = report();
    expect(r.rows).toHaveLength(4);
    expect(r.skipped).toEqual([{ file: 'drafts/scan.pdf.txt', reason: '文件不是文本（可能是二进制文件），已跳过。' }]);
    expect(r.summary.drafts).toBe(4);
    expect(r.summary.skipped).toBe(1);
    expect(r.summary.chars).toBe(520 + 410 + 312 + 180);
  });

  it('counts findings per family and severity, and names the author or 无署名', () => {
    const metro = report().rows.find((row) => row.file === 'drafts/metro.md')!;
    expect(metro.headline).toBe('让地铁站的电梯先转起来');
    expect(metro.author).toBe('林晓');
    expect(metro.counts.slogan).toEqual({ error: 0, warning: 1, information: 1, hint: 0 });
    expect(metro.counts.figure).toEqual({ error: 0, warning: 2, information: 0, hint: 0 });
    expect(metro.counts.byline).toEqual({ error: 0, warning: 0, information: 0, hint: 0 });
    expect(metro.totals).toEqual({ error: 0, warning: 3, information: 1, hint: 0 });
    expect(metro.unsourcedFigures).toBe(2);

    const night = report().rows.find((row) => row.file === 'drafts/night-market.txt')!;
    expect(night.author).toBe('无署名');
    expect(night.bylineStatus).toBe('missing');
    expect(night.counts.byline.error).toBe(1);

    const library = report().rows.find((row) => row.file === 'drafts/library.md')!;
    expect(library.author).toBe('陈静、王磊');
  });

  it('turns offsets into 0-based LSP ranges and quotes the flagged text', () => {
    const metro = report().rows.find((row) => row.file === 'drafts/metro.md')!;
    const percent = metro.findings.find((f) => f.text === '85%')!;
    const line = TEXTS.METRO.split('\n')[3];
    expect(percent.range.start).toEqual({ line: 3, character: line.indexOf('85%') });
    expect(percent.range.end).toEqual({ line: 3, character: line.indexOf('85%') + 3 });
    const repeat = metro.findings.find((f) => f.ruleId === 'slogan-repeat')!;
    expect(repeat.family).toBe('slogan');
    expect(repeat.start).toBe(TEXTS.METRO.lastIndexOf('以人民为中心'));
  });

  it('totals findings by rule, most first, with the number of drafts each touches', () => {
    const byRule = report().summary.byRule;
    expect(byRule[0]).toMatchObject({ ruleId: 'figure-unsourced', total: 4, drafts: 3, counts: { warning: 3, information: 1 } });
    expect(byRule.map((r) => r.ruleId)).toContain('byline-missing');
    expect(byRule.find((r) => r.ruleId === 'byline-missing')!.description).toBe('缺少署名');
    expect(report().summary.totals).toEqual({ error: 1, warning: 7, information: 2, hint: 0 });
  });

  it("lists the phrases used by the most drafts (the desk's own clichés), leaving out phrases used once in one draft", () => {
    const phrases = report().summary.repeatedPhrases;
    expect(phrases.map((p) => [p.phrase, p.drafts, p.count])).toEqual([
      ['高质量发展', 3, 3],
      ['以人民为中心', 2, 3],
    ]);
    expect(phrases[1].files).toEqual(expect.arrayContaining(['drafts/metro.md', 'drafts/night-market.txt']));
  });

  it('also lists a phrase one draft leans on, after the shared ones', () => {
    const results = [...fixtureResults(), result('drafts/river.txt', '河长制不能止于挂牌\n●周岚\n久久为功。', [], { phrases: [{ phrase: '久久为功', count: 3 }] })];
    const phrases = buildReport(results, fixtureProfile(), { rules: RULE_INFO }).summary.repeatedPhrases;
    expect(phrases.map((p) => [p.phrase, p.drafts, p.count])).toEqual([
      ['高质量发展', 3, 3],
      ['以人民为中心', 2, 3],
      ['久久为功', 1, 3],
    ]);
  });

  it('bins the folder density histogram so that every draft is counted once', () => {
    const { density } = report().summary;
    expect(density.bins.reduce((a, b) => a + b, 0)).toBe(4);
    expect(density.p50).toBe(4);
    expect(density.p90).toBe(8);
    expect(density.bins[Math.floor(9.6 / density.binWidth)]).toBeGreaterThanOrEqual(1);
  });

  it('keeps a capped copy of long drafts and marks the findings past the cap', () => {
    const long = `长稿标题\n●林晓\n${'城市治理要精细。'.repeat(50)}𠀀结尾的数字是300个。`;
    const cut = long.indexOf('𠀀') + 1; // would split the surrogate pair
    const b = new ReportBuilder(fixtureProfile(), { rules: RULE_INFO, maxTextChars: cut });
    b.add(result('long.txt', long, [{ ruleId: 'figure-unsourced', severity: 'warning', message: '数字没有出处。', start: long.indexOf('300个'), end: long.indexOf('300个') + 4 }], {}));
    const row = b.finish('长稿').rows[0];
    expect(row.text.length).toBe(cut - 1);
    expect(row.textTruncatedAt).toBe(cut - 1);
    expect(row.findings[0].beyondText).toBe(true);
    expect(row.findings[0].text).toBe('300个');
  });
});

describe('report model: sorting', () => {
  it('puts the worst drafts first by default (errors outweigh warnings)', () => {
    const r = report();
    expect(headlines(r.rows)).toEqual(['夜市的烟火气从哪里来', '让地铁站的电梯先转起来', '口袋公园不只是“盆景”', '社区图书馆要“活”起来']);
    expect(r.rows.map((row) => row.score)).toEqual([14, 10, 9, 0]);
  });

  it('sorts by any column, both ways', () => {
    const rows = report().rows;
    expect(sortRows(rows, 'density', 'desc').map((r) => r.sloganDensity)).toEqual([9.6, 5.8, 2.4, 0]);
    expect(sortRows(rows, 'chars', 'asc').map((r) => r.chars)).toEqual([180, 312, 410, 520]);
    expect(sortRows(rows, 'figure', 'desc')[0].file).toBe('drafts/metro.md');
    expect(sortRows(rows, 'byline', 'desc').map((r) => r.file).slice(0, 2)).toEqual(['drafts/night-market.txt', 'drafts/parks.txt']);
    expect(sortRows(rows, 'byline-status', 'desc').map((r) => r.bylineStatus).slice(0, 2)).toEqual(['missing', 'malformed']);
    expect(sortRows(rows, 'unsourced', 'desc')[0].unsourcedFigures).toBe(2);
  });

  it('sorts headlines and authors by Chinese collation (pinyin order)', () => {
    const rows = report().rows;
    // kou (口袋) < rang (让) < she (社区) < ye (夜市)
    expect(headlines(sortRows(rows, 'headline', 'asc'))).toEqual(['口袋公园不只是“盆景”', '让地铁站的电梯先转起来', '社区图书馆要“活”起来', '夜市的烟火气从哪里来']);
    // 无署名 sorts as empty, after named authors when descending: chen < lin < zhou
    expect(sortRows(rows, 'author', 'asc').map((r) => r.author)).toEqual(['无署名', '陈静、王磊', '林晓', '周一鸣']);
  });
});

describe('report model: percentiles', () => {
  it('places a density against the corpus histogram, interpolating inside a bin', () => {
    const hist = [10, 40, 30, 10, 6, 4];
    expect(percentileRank(hist, 2, 0)).toBe(0);
    expect(percentileRank(hist, 2, 4)).toBeCloseTo(50);
    expect(percentileRank(hist, 2, 5.8)).toBeCloseTo(77);
    expect(percentileRank(hist, 2, 9.6)).toBeCloseTo(94.8);
    expect(percentileRank(hist, 2, 40)).toBe(100);
    expect(percentileRank([], 2, 3)).toBeUndefined();
  });

  it('bands each draft against P50 and P90', () => {
    expect(densityBand(3.9, 4, 8)).toBe('typical');
    expect(densityBand(4, 4, 8)).toBe('typical');
    expect(densityBand(6, 4, 8)).toBe('elevated');
    expect(densityBand(8.1, 4, 8)).toBe('high');
    const rows = report().rows;
    expect(rows.find((r) => r.file === 'drafts/night-market.txt')).toMatchObject({ densityBand: 'high' });
    expect(rows.find((r) => r.file === 'drafts/metro.md')!.densityPercentile).toBeCloseTo(77);
    expect(rows.find((r) => r.file === 'drafts/parks.txt')).toMatchObject({ densityBand: 'typical' });
  });
});
