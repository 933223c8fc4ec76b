// The folder report as data: one row per draft, a summary, and what the detail view needs.
// Pure: built from FileLintResults (streamed one at a time, or all at once) and the profile; the
// HTML and Markdown renderers and the VS Code panel all read this same model.

import type { DraftSummary, FileLintResult } from '../engine/results';
import type { Profile } from '../engine/profile/types';
import { computeLineStarts, positionAt, splitsSurrogatePair } from '../engine/text/positions';
import type { Evidence, Finding, RuleFamily, Severity } from '../engine/types';

export const FAMILIES: readonly RuleFamily[] = ['slogan', 'figure', 'byline', 'typography'];
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/** How much a finding weighs in the "worst first" score: errors dominate, hints do not count. */
export const SEVERITY_WEIGHT: Record<Severity, number> = { error: 10, warning: 3, information: 1, hint: 0 };

/** Draft text kept per row for the detail view; longer drafts are cut (findings past it are listed only). */
export const DEFAULT_MAX_TEXT_CHARS = 20_000;
/** Flagged text quoted per finding. */
const MAX_FLAGGED_CHARS = 80;
const REPEATED_PHRASES_SHOWN = 10;
const NO_AUTHOR = '无署名';

export type SeverityCounts = Record<Severity, number>;
export type BylineStatus = DraftSummary['bylineStatus'];
/** Where a draft's slogan density sits against the corpus: ≤ P50, between P50 and P90, above P90. */
export type DensityBand = 'typical' | 'elevated' | 'high';

export interface ReportRuleInfo {
  id: string;
  family: RuleFamily;
  /** Chinese one-liner. */
  description: string;
}

export interface ReportFinding {
  ruleId: string;
  family: RuleFamily;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  /** 0-based line and UTF-16 character, as LSP counts them. */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  /** The flagged text (cut to a few dozen characters). */
  text: string;
  evidence?: Evidence;
  /** Related places, with their 0-based line. */
  related?: { message: string; start: number; end: number; line: number }[];
  /** Set when the finding lies past the text kept for the detail view. */
  beyondText?: boolean;
}

export interface DraftRow {
  /** Path as shown to the user. */
  file: string;
  /** Where the editor should open it (file URI); set by the VS Code side. */
  uri?: string;
  headline: string;
  authors: string[];
  /** The authors joined for display, or 无署名. */
  author: string;
  chars: number;
  counts: Record<RuleFamily, SeverityCounts>;
  totals: SeverityCounts;
  formulaicPhrases: number;
  sloganDensity: number;
  densityBand: DensityBand;
  /** Share of corpus articles with a lower density (0–100), when the profile has a histogram. */
  densityPercentile?: number;
  unsourcedFigures: number;
  bylineStatus: BylineStatus;
  /** Worst-first score: findings weighted by severity. */
  score: number;
  findings: ReportFinding[];
  /** The draft text for the detail view, cut at `textTruncatedAt` when long. */
  text: string;
  textTruncatedAt?: number;
  /** Phrase → uses in this draft, for the folder's repeated phrases. */
  phrases: Record<string, number>;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface RuleTotal {
  ruleId: string;
  family: RuleFamily;
  description: string;
  counts: SeverityCounts;
  total: number;
  /** Drafts with at least one finding of this rule. */
  drafts: number;
}

export interface RepeatedPhrase {
  phrase: string;
  drafts: number;
  count: number;
  files: string[];
}

export interface DensityHistogram {
  binWidth: number;
  /** Number of drafts per bin: bin i holds densities in [i·binWidth, (i+1)·binWidth). */
  bins: number[];
  p50: number;
  p90: number;
}

export interface ReportSummary {
  drafts: number;
  skipped: number;
  chars: number;
  totals: SeverityCounts;
  /** Sorted by total findings, most first. */
  byRule: RuleTotal[];
  /** Phrases used by the most drafts of this folder, then the most often (used at least twice). */
  repeatedPhrases: RepeatedPhrase[];
  density: DensityHistogram;
}

export interface FolderReport {
  title: string;
  generatedAt: string;
  profileName: string;
  /** Corpus slogan density percentiles (per 1,000 characters). */
  p50: number;
  p90: number;
  rules: ReportRuleInfo[];
  /** Worst first. */
  rows: DraftRow[];
  skipped: SkippedFile[];
  summary: ReportSummary;
}

export interface ReportOptions {
  /** Rule metadata (the engine's RULES fit): family and Chinese description per rule id. */
  rules: readonly ReportRuleInfo[];
  /** Shown as the report's title, usually the folder name. */
  title?: string;
  /** ISO time; fixed in tests. */
  generatedAt?: string;
  maxTextChars?: number;
}

export function emptyCounts(): SeverityCounts {
  return { error: 0, warning: 0, information: 0, hint: 0 };
}

function emptyFamilyCounts(): Record<RuleFamily, SeverityCounts> {
  return { slogan: emptyCounts(), figure: emptyCounts(), byline: emptyCounts(), typography: emptyCounts() };
}

export function countTotal(c: SeverityCounts): number {
  return c.error + c.warning + c.information + c.hint;
}

export function weightedScore(c: SeverityCounts): number {
  return SEVERITIES.reduce((sum, s) => sum + c[s] * SEVERITY_WEIGHT[s], 0);
}

/** Rule id → family, from the rules given; ids follow `<family>-…` for rules not listed. */
function familyLookup(rules: readonly ReportRuleInfo[]): (ruleId: string) => RuleFamily {
  const byId = new Map(rules.map((r) => [r.id, r.family]));
  return (ruleId) => {
    const known = byId.get(ruleId);
    if (known) return known;
    const prefix = ruleId.split('-')[0] as RuleFamily;
    return FAMILIES.includes(prefix) ? prefix : 'typography';
  };
}

/** Percentile rank (0–100) of `value` in a histogram with bins of `binWidth`, interpolated inside the bin. */
export function percentileRank(histogram: readonly number[], binWidth: number, value: number): number | undefined {
  const total = histogram.reduce((a, b) => a + b, 0);
  if (!total || !(binWidth > 0)) return undefined;
  const bin = Math.floor(value / binWidth);
  if (bin >= histogram.length) return 100;
  let below = 0;
  for (let i = 0; i < bin; i++) below += histogram[i];
  const within = (value - bin * binWidth) / binWidth;
  return Math.min(100, Math.max(0, ((below + histogram[bin] * within) / total) * 100));
}

export function densityBand(density: number, p50: number, p90: number): DensityBand {
  if (density > p90) return 'high';
  if (density > p50) return 'elevated';
  return 'typical';
}

/** Builds the report one file at a time, keeping only the row (with capped text) per file. */
export class ReportBuilder {
  private readonly rows: DraftRow[] = [];
  private readonly skipped: SkippedFile[] = [];
  private readonly familyOf: (ruleId: string) => RuleFamily;
  private readonly p50: number;
  private readonly p90: number;

  constructor(
    private readonly profile: Profile,
    private readonly options: ReportOptions,
  ) {
    this.familyOf = familyLookup(options.rules);
    this.p50 = profile.register.density.p50;
    this.p90 = profile.register.density.p90;
  }

  add(result: FileLintResult): void {
    if (result.skipped) {
      this.skipped.push({ file: result.file, reason: result.skipped });
      return;
    }
    this.rows.push(this.toRow(result));
  }

  /** The report, worst drafts first. `title` replaces the one given up front (known only at the end for a streamed run). */
  finish(title = this.options.title ?? ''): FolderReport {
    // Ties keep a stable, meaningful order: by file path.
    const rows = [...this.rows].sort((a, b) => b.score - a.score || a.file.localeCompare(b.file));
    return {
      title,
      generatedAt: this.options.generatedAt ?? new Date().toISOString(),
      profileName: this.profile.name,
      p50: this.p50,
      p90: this.p90,
      rules: this.options.rules.map((r) => ({ id: r.id, family: r.family, description: r.description })),
      rows,
      skipped: [...this.skipped].sort((a, b) => a.file.localeCompare(b.file)),
      summary: summarize(rows, this.skipped.length, this.options.rules, this.familyOf, this.p50, this.p90),
    };
  }

  private toRow(result: FileLintResult): DraftRow {
    const summary = result.summary ?? fallbackSummary(result.text);
    const maxText = this.options.maxTextChars ?? DEFAULT_MAX_TEXT_CHARS;
    let cut = result.text.length > maxText ? maxText : undefined;
    if (cut !== undefined && splitsSurrogatePair(result.text, cut)) cut--;
    const lineStarts = computeLineStarts(result.text);
    const findings = result.findings.map((f) => toReportFinding(f, result.text, lineStarts, this.familyOf(f.ruleId), cut));
    const counts = emptyFamilyCounts();
    const totals = emptyCounts();
    for (const f of findings) {
      counts[f.family][f.severity]++;
      totals[f.severity]++;
    }
    const density = this.profile.register.density;
    return {
      file: result.file,
      headline: summary.headline,
      authors: summary.authors,
      author: summary.authors.length ? summary.authors.join('、') : NO_AUTHOR,
      chars: summary.chars,
      counts,
      totals,
      formulaicPhrases: summary.formulaicPhrases,
      sloganDensity: summary.sloganDensity,
      densityBand: densityBand(summary.sloganDensity, this.p50, this.p90),
      densityPercentile: percentileRank(density.histogram, density.binWidth, summary.sloganDensity),
      unsourcedFigures: summary.unsourcedFigures,
      bylineStatus: summary.bylineStatus,
      score: weightedScore(totals),
      findings,
      text: cut === undefined ? result.text : result.text.slice(0, cut),
      textTruncatedAt: cut,
      phrases: Object.fromEntries((summary.phrases ?? []).map((p) => [p.phrase, p.count])),
    };
  }
}

function toReportFinding(f: Finding, text: string, lineStarts: number[], family: RuleFamily, cut: number | undefined): ReportFinding {
  const flagged = text.slice(f.start, f.end);
  let shown = flagged.length > MAX_FLAGGED_CHARS ? flagged.slice(0, MAX_FLAGGED_CHARS) : flagged;
  if (shown.length < flagged.length && splitsSurrogatePair(flagged, shown.length)) shown = shown.slice(0, -1);
  return {
    ruleId: f.ruleId,
    family,
    severity: f.severity,
    message: f.message,
    start: f.start,
    end: f.end,
    range: { start: positionAt(lineStarts, f.start), end: positionAt(lineStarts, f.end) },
    text: shown.length < flagged.length ? `${shown}…` : shown,
    evidence: f.evidence,
    related: f.related?.map((r) => ({ message: r.message, start: r.start, end: r.end, line: positionAt(lineStarts, r.start).line })),
    beyondText: cut !== undefined && f.end > cut ? true : undefined,
  };
}

/** For results linted without a summary: what can be read off the text alone. */
function fallbackSummary(text: string): DraftSummary {
  const headline = text.split(/\r\n|\r|\n/).find((l) => l.trim())?.trim().replace(/^#{1,6}\s+/, '') ?? '';
  return { headline, authors: [], chars: 0, formulaicPhrases: 0, sloganDensity: 0, unsourcedFigures: 0, bylineStatus: 'missing' };
}

function summarize(
  rows: DraftRow[],
  skipped: number,
  rules: readonly ReportRuleInfo[],
  familyOf: (ruleId: string) => RuleFamily,
  p50: number,
  p90: number,
): ReportSummary {
  const totals = emptyCounts();
  const byRule = new Map<string, RuleTotal>();
  const describe = new Map(rules.map((r) => [r.id, r.description]));
  const phraseUse = new Map<string, RepeatedPhrase>();
  let chars = 0;
  for (const row of rows) {
    chars += row.chars;
    const rulesInDraft = new Set<string>();
    for (const f of row.findings) {
      totals[f.severity]++;
      let t = byRule.get(f.ruleId);
      if (!t) {
        t = { ruleId: f.ruleId, family: familyOf(f.ruleId), description: describe.get(f.ruleId) ?? '', counts: emptyCounts(), total: 0, drafts: 0 };
        byRule.set(f.ruleId, t);
      }
      t.counts[f.severity]++;
      t.total++;
      if (!rulesInDraft.has(f.ruleId)) {
        rulesInDraft.add(f.ruleId);
        t.drafts++;
      }
    }
    for (const [phrase, count] of Object.entries(row.phrases)) {
      const use = phraseUse.get(phrase) ?? { phrase, drafts: 0, count: 0, files: [] };
      use.drafts++;
      use.count += count;
      use.files.push(row.file);
      phraseUse.set(phrase, use);
    }
  }
  // Shared by several drafts first; a phrase one draft leans on (used twice or more) still counts.
  const repeatedPhrases = [...phraseUse.values()]
    .filter((p) => p.drafts >= 2 || p.count >= 2)
    .sort((a, b) => b.drafts - a.drafts || b.count - a.count || a.phrase.localeCompare(b.phrase, 'zh-Hans-CN'))
    .slice(0, REPEATED_PHRASES_SHOWN);
  return {
    drafts: rows.length,
    skipped,
    chars,
    totals,
    byRule: [...byRule.values()].sort((a, b) => b.total - a.total || weightedScore(b.counts) - weightedScore(a.counts) || a.ruleId.localeCompare(b.ruleId)),
    repeatedPhrases,
    density: densityHistogram(rows.map((r) => r.sloganDensity), p50, p90),
  };
}

/** Bins wide enough that the folder and the corpus P90 fit in about a dozen bars. */
function densityHistogram(densities: number[], p50: number, p90: number): DensityHistogram {
  const top = Math.max(p90 * 1.5, ...densities, 1);
  const binWidth = niceStep(top / 12);
  const bins = new Array<number>(Math.floor(top / binWidth) + 1).fill(0);
  for (const d of densities) bins[Math.min(bins.length - 1, Math.floor(d / binWidth))]++;
  return { binWidth, bins, p50, p90 };
}

/** 1, 2 or 5 times a power of ten, at least `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

// ---- sorting and filtering ----

export type SortKey =
  | 'score'
  | 'headline'
  | 'author'
  | 'chars'
  | RuleFamily
  | 'density'
  | 'unsourced'
  | 'byline-status'
  | 'file';

/** How bad each byline status is, for sorting. */
const BYLINE_STATUS_RANK: Record<BylineStatus, number> = { missing: 4, malformed: 3, misplaced: 2, ok: 1, 'not-expected': 0 };

/** The value a column sorts by: numbers grow with badness; text sorts by Chinese collation. */
export function sortValue(row: DraftRow, key: SortKey): number | string {
  switch (key) {
    case 'score':
      return row.score;
    case 'headline':
      return row.headline;
    case 'author':
      return row.authors.length ? row.author : '';
    case 'chars':
      return row.chars;
    case 'density':
      return row.sloganDensity;
    case 'unsourced':
      return row.unsourcedFigures;
    case 'byline-status':
      return BYLINE_STATUS_RANK[row.bylineStatus];
    case 'file':
      return row.file;
    default:
      // A family column: weighted by severity, then by how many findings.
      return weightedScore(row.counts[key]) * 1000 + countTotal(row.counts[key]);
  }
}

// ---- labels of the report's own columns (family and severity names: engine/labels.ts) ----

export const BYLINE_STATUS_LABEL: Record<BylineStatus, string> = {
  ok: '规范',
  missing: '缺署名',
  malformed: '格式不符',
  misplaced: '位置不对',
  'not-expected': '不要求',
};
