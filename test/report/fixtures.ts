// Hand-built lint results for the report tests: drafts this project wrote, with findings placed by
// offset, so the report model is tested without running the engine.

import type { Profile } from '../../server/src/engine/profile/types';
import type { DraftSummary, FileLintResult } from '../../server/src/engine/results';
import type { Evidence, Finding, Severity } from '../../server/src/engine/types';
import { ReportBuilder, type FolderReport, type ReportOptions, type ReportRuleInfo } from '../../server/src/report/model';
import { markerHouseByline } from '../helpers/byline-model';

export const RULE_INFO: ReportRuleInfo[] = [
  { id: 'slogan-repeat', family: 'slogan', description: '同一套话在稿件中重复过多' },
  { id: 'slogan-cliche', family: 'slogan', description: '语料中的高频套话' },
  { id: 'slogan-density', family: 'slogan', description: '套话密度高于语料 P90' },
  { id: 'figure-unsourced', family: 'figure', description: '数字没有出处' },
  { id: 'figure-conflict', family: 'figure', description: '同一数字前后不一' },
  { id: 'byline-missing', family: 'byline', description: '缺少署名' },
  { id: 'byline-format', family: 'byline', description: '署名格式不符' },
  { id: 'punctuation-width', family: 'typography', description: '中文之间用了半角标点' },
  { id: 'broken-line', family: 'typography', description: '句中断行' },
];

/** Corpus density: 100 articles, bins of 2 per 1,000 characters; P50 = 4, P90 = 8. */
export const DENSITY_HISTOGRAM = [10, 40, 30, 10, 6, 4];

export function fixtureProfile(): Profile {
  return {
    format: 'opinion-lint-profile',
    version: 2,
    name: 'fixture',
    kind: 'profile',
    house: {
      sources: [],
      byline: markerHouseByline(4, { '2': 1, '3': 3 }),
      numberStyle: { arabicCounts: 0, chineseCounts: 0, fullWidthDigits: 0, thousandsSeparators: 0, twoDigitYears: 0, rangeMarks: {} },
      figures: [],
    },
    register: {
      sources: [],
      articles: 100,
      chars: 200_000,
      tokens: 120_000,
      phrases: [],
      quoted: [],
      stock: [],
      formulations: [],
      density: { binWidth: 2, histogram: DENSITY_HISTOGRAM, p50: 4, p75: 6, p90: 8 },
      attributionCues: {},
    },
  };
}

export function finding(text: string, needle: string, ruleId: string, severity: Severity, message: string, evidence?: Evidence, occurrence = 0): Finding {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = text.indexOf(needle, start + 1);
  if (start < 0) throw new Error(`fixture: ${needle} not in text`);
  return { ruleId, severity, message, start, end: start + needle.length, evidence };
}

export function result(file: string, text: string, findings: Finding[], summary: Partial<DraftSummary>): FileLintResult {
  const headline = text.split('\n')[0].replace(/^#\s+/, '');
  return {
    file,
    text,
    findings,
    ruleFailures: [],
    summary: {
      headline,
      authors: [],
      chars: 600,
      formulaicPhrases: 0,
      sloganDensity: 0,
      unsourcedFigures: 0,
      bylineStatus: 'ok',
      ...summary,
    },
  };
}

const METRO = `让地铁站的电梯先转起来
●林晓
城市的公共服务，要以人民为中心，要以人民为中心地推进。
去年新增电梯120部，覆盖率达到85%，市民出行更方便了。
推动高质量发展，离不开一件件小事。`;

const PARKS = `口袋公园不只是“盆景”
文/周一鸣。
推动高质量发展，需要把公园建到家门口。
全市今年建成口袋公园300个,居民步行十分钟就能走到。`;

const NIGHT = `夜市的烟火气从哪里来
城管与摊贩的关系，正在从“猫鼠游戏”变成“共商共治”。
推动高质量发展，不能只看大项目；以人民为中心，也要看小摊位。
夜市摊位增加到400个。`;

const LIBRARY = `社区图书馆要“活”起来
●陈静、王磊
借阅量是图书馆的晴雨表。`;

export const TEXTS = { METRO, PARKS, NIGHT, LIBRARY };

export function fixtureResults(): FileLintResult[] {
  const phraseEvidence: Evidence = {
    kind: 'phrase',
    phrase: '以人民为中心',
    corpusCount: 412,
    articleCount: 260,
    maxPerArticle: 1,
    limit: 2,
    draftCount: 2,
    examples: [{ headline: '某篇社论', file: 'people-daily/a.txt', offset: 120 }],
  };
  return [
    result(
      'drafts/metro.md',
      METRO,
      [
        finding(METRO, '以人民为中心', 'slogan-repeat', 'warning', '“以人民为中心”在本稿出现 2 次，超过语料单篇上限 1 次：删去或换一种说法。', phraseEvidence, 1),
        finding(METRO, '高质量发展', 'slogan-cliche', 'information', '“高质量发展”是语料中的高频套话，考虑写得更具体。'),
        finding(METRO, '去年新增电梯120部', 'figure-unsourced', 'warning', '数字“120部”没有出处：补上数据来源。', {
          kind: 'figure',
          value: 120,
          unit: '部',
          raw: '120部',
          subject: ['电梯'],
        }),
        finding(METRO, '85%', 'figure-unsourced', 'warning', '数字“85%”没有出处：补上数据来源。'),
      ],
      { authors: ['林晓'], chars: 520, formulaicPhrases: 3, sloganDensity: 5.8, unsourcedFigures: 2, phrases: [{ phrase: '以人民为中心', count: 2 }, { phrase: '高质量发展', count: 1 }] },
    ),
    result(
      'drafts/parks.txt',
      PARKS,
      [
        finding(PARKS, '文/周一鸣。', 'byline-format', 'warning', '署名格式与本报不符：改为“●周一鸣”。', { kind: 'byline', found: '文/周一鸣。', houseForm: '●周一鸣', details: '标记应为 ●，末尾不加标点' }),
        finding(PARKS, ',', 'punctuation-width', 'warning', '中文之间用了半角逗号：改为全角“，”。'),
        finding(PARKS, '300个', 'figure-unsourced', 'warning', '数字“300个”没有出处：补上数据来源。'),
      ],
      { authors: ['周一鸣'], chars: 410, formulaicPhrases: 1, sloganDensity: 2.4, unsourcedFigures: 1, bylineStatus: 'malformed', phrases: [{ phrase: '高质量发展', count: 1 }, { phrase: '盆景', count: 1 }] },
    ),
    result(
      'drafts/night-market.txt',
      NIGHT,
      [
        { ruleId: 'byline-missing', severity: 'error', message: '标题后没有署名：按本报格式补上“●作者名”。', start: NIGHT.indexOf('\n'), end: NIGHT.indexOf('\n') },
        finding(NIGHT, '夜市的烟火气从哪里来', 'slogan-density', 'warning', '套话密度每千字 9.6 处，高于语料 P90（8）：删减套话。', { kind: 'density', perThousand: 9.6, p50: 4, p90: 8, phrases: 3, chars: 312 }),
        finding(NIGHT, '400个', 'figure-unsourced', 'information', '“400个”与已刊数字一致。'),
      ],
      { chars: 312, formulaicPhrases: 3, sloganDensity: 9.6, unsourcedFigures: 0, bylineStatus: 'missing', phrases: [{ phrase: '高质量发展', count: 1 }, { phrase: '以人民为中心', count: 1 }, { phrase: '共商共治', count: 1 }] },
    ),
    result('drafts/library.md', LIBRARY, [], { authors: ['陈静', '王磊'], chars: 180, formulaicPhrases: 0, sloganDensity: 0, phrases: [] }),
    { file: 'drafts/scan.pdf.txt', text: '', findings: [], ruleFailures: [], skipped: '文件不是文本（可能是二进制文件），已跳过。' },
  ];
}

/** The report of `results`, as the CLI and the editor build it (one result at a time). */
export function buildReport(results: Iterable<FileLintResult>, profile: Profile, options: ReportOptions): FolderReport {
  const builder = new ReportBuilder(profile, options);
  for (const r of results) builder.add(r);
  return builder.finish();
}
