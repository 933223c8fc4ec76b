// The folder report as ONE self-contained HTML page: no network, no external scripts or fonts,
// the stylesheet (page.css) and the page script (page.js) inlined at build under a nonce-based
// Content-Security-Policy (so it works opened from disk and inside a VS Code webview), inline SVG
// charts, print styles for A4.
//
// Everything taken from drafts is untrusted: it is escaped here, once, when the page is built; the
// page script only toggles, sorts and moves pre-rendered elements and never parses text as HTML.

import { FAMILY_NAMES, SEVERITY_NAMES } from '../engine/labels';
import { randomBytes } from 'node:crypto';
import STYLE from './page.css?raw';
import SCRIPT from './page.js?raw';
import type { Evidence, RuleFamily, Severity } from '../engine/types';
import {
  BYLINE_STATUS_LABEL,
  countTotal,
  FAMILIES,
  SEVERITIES,
  sortValue,
  type DraftRow,
  type FolderReport,
  type ReportFinding,
  type SeverityCounts,
  type SortKey,
} from './model';

export interface HtmlOptions {
  /** Nonce for the inline script and style; a fresh random one when absent. */
  nonce?: string;
  /** The webview's `cspSource`, added to the policy when rendering inside VS Code. */
  cspSource?: string;
}

const SEVERITY_MARK: Record<Severity, string> = { error: '✕', warning: '!', information: 'i', hint: '…' };

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function fmt(n: number, digits = 1): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(digits);
}

function fmtInt(n: number): string {
  return n.toLocaleString('en-US');
}

export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

export function renderReportHtml(report: FolderReport, options: HtmlOptions = {}): string {
  const nonce = options.nonce ?? newNonce();
  const extra = options.cspSource ? ` ${options.cspSource}` : '';
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'${extra}; script-src 'nonce-${nonce}'; img-src data:${extra}; font-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'`;
  const densityMax = densityScaleMax(report);
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp.replace(/[&"<>]/g, (c) => escapeHtml(c))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="opinion-lint">
<title>评论稿检查报告 · ${escapeHtml(report.title)}</title>
<style nonce="${escapeHtml(nonce)}">${STYLE}</style>
</head>
<body>
<header class="page-head">
  <div>
    <h1>评论稿检查报告 <span class="folder">${escapeHtml(report.title)}</span></h1>
    <p class="meta">生成于 ${escapeHtml(formatTime(report.generatedAt))} · 文风档案 <b>${escapeHtml(report.profileName)}</b> · 语料套话密度 P50 ${fmt(report.p50)}、P90 ${fmt(report.p90)}（每千字）</p>
  </div>
</header>
${renderSummary(report)}
${renderControls(report)}
${renderTable(report, densityMax)}
${renderSkipped(report)}
<section id="details" aria-live="polite">
<p class="hint-line" id="detail-hint">点击表格中的一篇稿件，查看全文和每处问题。</p>
${report.rows.map((row, i) => renderDetail(row, i)).join('\n')}
</section>
<footer class="page-foot">Opinion Lint · 评论稿检查 · 综合分 = 错误×10 + 警告×3 + 信息×1</footer>
<script nonce="${escapeHtml(nonce)}">${SCRIPT}</script>
</body>
</html>
`;
}

function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

// ---- summary ----

function renderSummary(report: FolderReport): string {
  const s = report.summary;
  const card = (label: string, value: string, cls = '') => `<div class="card ${cls}"><div class="card-value">${value}</div><div class="card-label">${label}</div></div>`;
  const skipped = s.skipped ? `<div class="card-note">另有 ${s.skipped} 个文件未检查</div>` : '';
  return `<section class="summary" aria-label="概览">
<div class="cards">
  ${card('篇稿件', fmtInt(s.drafts))}
  ${card('汉字', fmtInt(s.chars))}
  ${card(SEVERITY_NAMES.error, fmtInt(s.totals.error), 'sev-error')}
  ${card(SEVERITY_NAMES.warning, fmtInt(s.totals.warning), 'sev-warning')}
  ${card(SEVERITY_NAMES.information, fmtInt(s.totals.information), 'sev-information')}
  ${skipped}
</div>
<div class="panels">
  <div class="panel"><h2>各规则问题数</h2>${renderByRule(report)}</div>
  <div class="panel"><h2>本期高频套话 <small>多篇稿件都在用、或一篇反复用的说法</small></h2>${renderRepeatedPhrases(report)}</div>
  <div class="panel"><h2>套话密度分布 <small>每千字套话数 · 本批稿件</small></h2>${renderHistogram(report)}</div>
</div>
</section>`;
}

function renderByRule(report: FolderReport): string {
  const rules = report.summary.byRule;
  if (!rules.length) return '<p class="empty">没有发现问题。</p>';
  const max = Math.max(...rules.map((r) => r.total));
  const rows = rules.map((r) => {
    const width = Math.max(2, Math.round((r.total / max) * 100));
    return `<tr><td><code>${escapeHtml(r.ruleId)}</code><div class="rule-desc">${escapeHtml(r.description)}</div></td><td class="num">${r.total}</td><td class="bar-cell"><svg class="rule-bar" width="100" height="10" viewBox="0 0 100 10" role="img" aria-label="${r.total} 处，${r.drafts} 篇"><rect class="fam-${r.family}" x="0" y="1" width="${width}" height="8" rx="2"/></svg></td><td class="muted-text nowrap">${r.drafts} 篇</td></tr>`;
  });
  return `<table class="mini"><tbody>${rows.join('')}</tbody></table>`;
}

function renderRepeatedPhrases(report: FolderReport): string {
  const phrases = report.summary.repeatedPhrases;
  if (!phrases.length) return '<p class="empty">本批稿件没有反复出现的套话。</p>';
  const items = phrases.map(
    (p) => `<li><span class="phrase">${escapeHtml(p.phrase)}</span><span class="muted-text">${p.drafts} 篇 · 共 ${p.count} 次</span></li>`,
  );
  return `<ol class="phrases">${items.join('')}</ol>`;
}

function renderHistogram(report: FolderReport): string {
  const { bins, binWidth, p50, p90 } = report.summary.density;
  const W = 320;
  const H = 150;
  const left = 26;
  const bottom = 24;
  const top = 16;
  const plotW = W - left - 6;
  const plotH = H - bottom - top;
  const maxCount = Math.max(1, ...bins);
  const barW = plotW / bins.length;
  const x = (v: number) => left + (v / (binWidth * bins.length)) * plotW;
  const bars = bins
    .map((n, i) => {
      const h = (n / maxCount) * plotH;
      const lo = i * binWidth;
      // A bin that straddles a percentile takes the colour of its middle.
      const mid = lo + binWidth / 2;
      const cls = mid > p90 ? 'high' : mid > p50 ? 'elevated' : 'typical';
      return `<rect class="band-${cls}" x="${(left + i * barW + 1).toFixed(1)}" y="${(top + plotH - h).toFixed(1)}" width="${Math.max(1, barW - 2).toFixed(1)}" height="${h.toFixed(1)}"><title>${fmt(lo)}–${fmt(lo + binWidth)}：${n} 篇</title></rect>`;
    })
    .join('');
  const labelEvery = Math.ceil(bins.length / 6);
  const ticks = bins
    .map((_, i) => (i % labelEvery === 0 ? `<text class="axis" x="${(left + i * barW).toFixed(1)}" y="${H - 8}">${fmt(i * binWidth)}</text>` : ''))
    .join('');
  const marker = (v: number, label: string) =>
    v <= binWidth * bins.length
      ? `<line class="pct" x1="${x(v).toFixed(1)}" x2="${x(v).toFixed(1)}" y1="${top - 4}" y2="${top + plotH}"/><text class="pct-label" x="${(x(v) + 2).toFixed(1)}" y="${top - 6}">${label} ${fmt(v)}</text>`
      : '';
  return `<svg class="histogram" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="本批稿件套话密度分布，语料 P50 ${fmt(p50)}，P90 ${fmt(p90)}">
<line class="axis-line" x1="${left}" x2="${W - 4}" y1="${top + plotH}" y2="${top + plotH}"/>
<text class="axis" x="2" y="${top + 8}">${maxCount}</text><text class="axis" x="2" y="${top + plotH}">0</text>
${bars}${ticks}${marker(p50, '语料P50')}${marker(p90, '语料P90')}
</svg>`;
}

// ---- controls and table ----

function renderControls(report: FolderReport): string {
  const fam = FAMILIES.map(
    (f) => `<label class="toggle"><input type="checkbox" name="family" value="${f}" checked><span class="swatch fam-${f}"></span>${FAMILY_NAMES[f]}</label>`,
  ).join('');
  const sev = SEVERITIES.map(
    (s) => `<label class="toggle"><input type="checkbox" name="severity" value="${s}" checked><span class="chip sev-${s}">${SEVERITY_MARK[s]}</span>${SEVERITY_NAMES[s]}</label>`,
  ).join('');
  return `<section class="controls" aria-label="筛选">
<div class="filter-group"><span class="filter-title">类别</span>${fam}</div>
<div class="filter-group"><span class="filter-title">严重程度</span>${sev}</div>
<div class="filter-group"><span id="row-count" class="muted-text">共 ${report.rows.length} 篇</span><button type="button" id="reset-sort">按问题轻重排序</button></div>
</section>`;
}

interface Column {
  key: SortKey;
  label: string;
  numeric: boolean;
  title?: string;
}

const COLUMNS: Column[] = [
  { key: 'score', label: '综合', numeric: true, title: '错误×10 + 警告×3 + 信息×1' },
  { key: 'headline', label: '标题', numeric: false },
  { key: 'author', label: '作者', numeric: false },
  { key: 'chars', label: '字数', numeric: true, title: '正文汉字数' },
  ...FAMILIES.map((f) => ({ key: f, label: FAMILY_NAMES[f], numeric: true })),
  { key: 'density', label: '套话密度', numeric: true, title: '每千字套话数，刻度标出语料 P50 与 P90' },
  { key: 'unsourced', label: '无出处数字', numeric: true },
  { key: 'byline-status', label: '署名', numeric: true },
];

function renderTable(report: FolderReport, densityMax: number): string {
  const head = COLUMNS.map(
    (c) =>
      `<th scope="col" data-key="${c.key}" data-numeric="${c.numeric}" class="${c.numeric ? 'num' : ''}${c.key === 'score' ? ' sorted' : ''}" aria-sort="${c.key === 'score' ? 'descending' : 'none'}"${c.title ? ` title="${escapeHtml(c.title)}"` : ''}><button type="button" class="sort">${escapeHtml(c.label)}<span class="arrow" aria-hidden="true"></span></button></th>`,
  ).join('');
  const body = report.rows.map((row, i) => renderRow(report, row, i, densityMax)).join('\n');
  const empty = report.rows.length ? '' : '<p class="empty">这个文件夹里没有可检查的稿件。</p>';
  return `<section class="table-wrap">
<table id="drafts">
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>${empty}
</section>`;
}

/** The data-sort value of a cell, read by the page script. */
function sortAttr(row: DraftRow, key: SortKey): string {
  return escapeHtml(sortValue(row, key));
}

function renderRow(report: FolderReport, row: DraftRow, i: number, densityMax: number): string {
  const cells: string[] = [];
  cells.push(`<td class="num score" data-v="${sortAttr(row, 'score')}"><span class="score-badge ${scoreClass(row)}">${row.score}</span></td>`);
  cells.push(
    `<td class="headline" data-v="${sortAttr(row, 'headline')}"><button type="button" class="open-detail">${escapeHtml(row.headline || '（无标题）')}</button><div class="file">${escapeHtml(row.file)}</div></td>`,
  );
  cells.push(`<td class="nowrap${row.authors.length ? '' : ' muted-text'}" data-v="${sortAttr(row, 'author')}">${escapeHtml(row.author)}</td>`);
  cells.push(`<td class="num" data-v="${sortAttr(row, 'chars')}">${fmtInt(row.chars)}</td>`);
  for (const f of FAMILIES) cells.push(`<td class="num fam-cell" data-family="${f}" data-v="${sortAttr(row, f)}">${renderCounts(row.counts[f])}</td>`);
  cells.push(`<td class="density" data-v="${sortAttr(row, 'density')}">${renderDensityBar(report, row, densityMax)}</td>`);
  cells.push(`<td class="num${row.unsourcedFigures ? ' warn-text' : ''}" data-v="${sortAttr(row, 'unsourced')}">${row.unsourcedFigures}</td>`);
  cells.push(`<td class="byline-status" data-v="${sortAttr(row, 'byline-status')}">${renderBylineStatus(row)}</td>`);
  const kinds = [...new Set(row.findings.map((f) => `${f.family}:${f.severity}`))].join(' ');
  return `<tr data-row="${i}" data-kinds="${escapeHtml(kinds)}" tabindex="0">${cells.join('')}</tr>`;
}

function scoreClass(row: DraftRow): string {
  if (row.totals.error) return 'sev-error';
  if (row.totals.warning) return 'sev-warning';
  if (row.totals.information) return 'sev-information';
  return 'clean';
}

function renderCounts(c: SeverityCounts): string {
  if (!countTotal(c)) return '<span class="none">—</span>';
  const title = SEVERITIES.filter((s) => c[s]).map((s) => `${SEVERITY_NAMES[s]} ${c[s]}`).join('，');
  return `<span class="chips" title="${escapeHtml(title)}">${SEVERITIES.filter((s) => c[s])
    .map((s) => `<span class="chip sev-${s}" data-severity="${s}">${c[s]}</span>`)
    .join('')}</span>`;
}

function densityScaleMax(report: FolderReport): number {
  return Math.max(report.p90 * 1.6, ...report.rows.map((r) => r.sloganDensity), 1);
}

function renderDensityBar(report: FolderReport, row: DraftRow, max: number): string {
  const W = 96;
  const x = (v: number) => Math.min(W, (v / max) * W).toFixed(1);
  const pct = row.densityPercentile === undefined ? '' : `，高于语料中 ${Math.round(row.densityPercentile)}% 的文章`;
  const title = `每千字 ${fmt(row.sloganDensity)} 处套话（${row.formulaicPhrases} 处）${pct}；语料 P50 ${fmt(report.p50)}，P90 ${fmt(report.p90)}`;
  return `<span class="density-wrap" title="${escapeHtml(title)}"><svg class="density-bar" width="${W}" height="14" viewBox="0 0 ${W} 14" role="img" aria-label="${escapeHtml(title)}">
<rect class="track" x="0" y="4" width="${W}" height="6" rx="3"/>
<rect class="p-band" x="${x(report.p50)}" y="4" width="${(Number(x(report.p90)) - Number(x(report.p50))).toFixed(1)}" height="6"/>
<rect class="band-${row.densityBand}" x="0" y="5" width="${x(row.sloganDensity)}" height="4" rx="2"/>
<line class="tick" x1="${x(report.p50)}" x2="${x(report.p50)}" y1="1" y2="13"/><line class="tick p90" x1="${x(report.p90)}" x2="${x(report.p90)}" y1="0" y2="14"/>
</svg><span class="density-value band-text-${row.densityBand}">${fmt(row.sloganDensity)}</span></span>`;
}

const BYLINE_STATUS_ICON: Record<DraftRow['bylineStatus'], string> = { ok: '✓', missing: '✕', malformed: '!', misplaced: '↕', 'not-expected': '–' };

function renderBylineStatus(row: DraftRow): string {
  return `<span class="byline-mark bs-${row.bylineStatus}"><span aria-hidden="true">${BYLINE_STATUS_ICON[row.bylineStatus]}</span> ${BYLINE_STATUS_LABEL[row.bylineStatus]}</span>`;
}

function renderSkipped(report: FolderReport): string {
  if (!report.skipped.length) return '';
  const items = report.skipped.map((s) => `<li><code>${escapeHtml(s.file)}</code>：${escapeHtml(s.reason)}</li>`).join('');
  return `<section class="skipped"><h2>未检查的文件</h2><ul>${items}</ul></section>`;
}

// ---- per-draft detail ----

function renderDetail(row: DraftRow, i: number): string {
  const findings = row.findings
    .map((f, j) => {
      const where = `${f.range.start.line + 1}:${f.range.start.character + 1}`;
      return `<li><button type="button" class="finding sev-${f.severity}" data-f="${j}" data-family="${f.family}" data-severity="${f.severity}" data-line="${f.range.start.line}" data-char="${f.range.start.character}" data-eline="${f.range.end.line}" data-echar="${f.range.end.character}"><span class="chip sev-${f.severity}">${SEVERITY_MARK[f.severity]}</span><span class="where">${where}</span><span class="finding-msg">${escapeHtml(f.message)}</span></button></li>`;
    })
    .join('');
  const truncated =
    row.textTruncatedAt !== undefined ? `<p class="muted-text">稿件较长，这里只显示前 ${fmtInt(row.textTruncatedAt)} 个字符；之后的问题见右侧列表。</p>` : '';
  return `<article class="draft-detail" id="draft-${i}" data-row="${i}" data-file="${escapeHtml(row.file)}" data-uri="${escapeHtml(row.uri ?? '')}" hidden>
<header class="detail-head"><h2>${escapeHtml(row.headline || '（无标题）')}</h2><p class="meta">${escapeHtml(row.author)} · ${fmtInt(row.chars)} 字 · <code>${escapeHtml(row.file)}</code> <button type="button" class="open-file vscode-only">在编辑器中打开</button></p></header>
<div class="detail-body">
<div class="draft-text">${truncated}<div class="text">${renderHighlightedText(row)}</div></div>
<aside class="detail-side">
<h3>问题 <small>${row.findings.length} 处</small></h3>
${row.findings.length ? `<ol class="findings">${findings}</ol>` : '<p class="empty">这篇稿件没有发现问题。</p>'}
<div class="explain" aria-live="polite"><p class="muted-text explain-hint">点击正文中的标记或上面的条目查看说明。</p>${row.findings.map((f, j) => renderExplanation(f, j)).join('')}</div>
</aside>
</div>
</article>`;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** The draft text with every finding highlighted; overlapping findings share a segment, coloured by the worst. */
export function renderHighlightedText(row: Pick<DraftRow, 'text' | 'findings'>): string {
  const text = row.text;
  const shown = row.findings.map((f, j) => ({ f, j })).filter(({ f }) => !f.beyondText && f.start <= text.length);
  const cuts = new Set<number>([0, text.length]);
  for (const { f } of shown) {
    cuts.add(f.start);
    cuts.add(Math.min(f.end, text.length));
  }
  const points = [...cuts].sort((a, b) => a - b);
  let html = '';
  for (let k = 0; k < points.length; k++) {
    const at = points[k];
    // Zero-length findings (a missing byline, say) become a caret where they point.
    const carets = shown.filter(({ f }) => f.start === at && f.end === f.start);
    for (const { f, j } of carets) html += `<mark class="hl caret sev-${f.severity}" data-f="${j}" tabindex="0" title="${escapeHtml(f.message)}">‸</mark>`;
    if (k === points.length - 1) break;
    const next = points[k + 1];
    const segment = escapeHtml(text.slice(at, next));
    const covering = shown.filter(({ f }) => f.start <= at && f.end >= next && f.end > f.start);
    if (!covering.length) {
      html += segment;
      continue;
    }
    const worst = covering.reduce((a, b) => (SEVERITY_ORDER[b.f.severity] < SEVERITY_ORDER[a.f.severity] ? b : a));
    html += `<mark class="hl sev-${worst.f.severity}" data-f="${covering.map((c) => c.j).join(' ')}" tabindex="0">${segment}</mark>`;
  }
  return html;
}

function renderExplanation(f: ReportFinding, j: number): string {
  const related = f.related?.length
    ? `<ul class="related">${f.related.map((r) => `<li>第 ${r.line + 1} 行：${escapeHtml(r.message)}</li>`).join('')}</ul>`
    : '';
  return `<div class="explanation sev-border-${f.severity}" data-x="${j}" hidden>
<div class="x-head"><span class="chip sev-${f.severity}">${SEVERITY_MARK[f.severity]}</span> <b>${SEVERITY_NAMES[f.severity]}</b> · <code>${escapeHtml(f.ruleId)}</code> · ${FAMILY_NAMES[f.family as RuleFamily]} · 第 ${f.range.start.line + 1} 行第 ${f.range.start.character + 1} 列</div>
<p class="x-msg">${escapeHtml(f.message)}</p>
${f.text ? `<p class="x-quote">原文：<q>${escapeHtml(f.text)}</q></p>` : ''}
${f.evidence ? renderEvidence(f.evidence) : ''}
${related}
<button type="button" class="open-finding vscode-only" data-f="${j}">在编辑器中定位</button>
</div>`;
}

function renderEvidence(e: Evidence): string {
  const rows: [string, string][] = [];
  switch (e.kind) {
    case 'phrase':
      rows.push(['套话', `<q>${escapeHtml(e.phrase)}</q>`]);
      rows.push(['语料', `共 ${e.corpusCount} 次，见于 ${e.articleCount} 篇，单篇最多 ${e.maxPerArticle} 次`]);
      rows.push(['本稿', `${e.draftCount} 次${e.limit !== undefined ? `（每篇上限 ${e.limit} 次）` : ''}`]);
      if (e.why) rows.push(['为何算套话', escapeHtml(e.why)]);
      if (e.keyness !== undefined) rows.push(['显著度', `${fmt(e.keyness, 2)}（与一般中文相比）`]);
      if (e.examples.length) rows.push(['语料例', e.examples.map((x) => `《${escapeHtml(x.headline)}》<span class="muted-text">${escapeHtml(x.file)} @${x.offset}</span>`).join('<br>')]);
      break;
    case 'figure':
      rows.push(['数字', `<q>${escapeHtml(e.raw)}</q> = ${escapeHtml(e.value)} ${escapeHtml(e.unit)}`]);
      if (e.subject.length) rows.push(['所指', escapeHtml(e.subject.join('、'))]);
      rows.push(['出处', e.attribution ? escapeHtml(e.attribution) : '<span class="warn-text">未见出处</span>']);
      if (e.published) rows.push(['已刊', `${escapeHtml(e.published.value)} ${escapeHtml(e.published.unit)}，见《${escapeHtml(e.published.headline)}》`]);
      if (e.conflictsWith) rows.push(['冲突', `${escapeHtml(e.conflictsWith.value)} ${escapeHtml(e.conflictsWith.unit)}，见《${escapeHtml(e.conflictsWith.headline)}》`]);
      break;
    case 'byline':
      rows.push(['本稿', e.found ? `<q>${escapeHtml(e.found)}</q>` : '（没有署名）']);
      rows.push(['本报格式', `<q>${escapeHtml(e.houseForm)}</q>`]);
      if (e.details) rows.push(['说明', escapeHtml(e.details)]);
      break;
    case 'formulation':
      rows.push(['规范提法', `<q>${escapeHtml(e.canonical)}</q>，本报 ${e.canonicalArticles} 篇`]);
      rows.push(['本稿写作', `<q>${escapeHtml(e.variant)}</q>（${escapeHtml(e.difference)}），本报${e.variantArticles ? `仅 ${e.variantArticles} 篇` : '没有一篇'}这样写`]);
      if (e.examples.length) rows.push(['语料例', e.examples.map((x) => `《${escapeHtml(x.headline)}》<span class="muted-text">${escapeHtml(x.file)} @${x.offset}</span>`).join('<br>')]);
      if (e.variantExamples.length) rows.push(['变体例', e.variantExamples.map((x) => `《${escapeHtml(x.headline)}》<span class="muted-text">${escapeHtml(x.file)} @${x.offset}</span>`).join('<br>')]);
      break;
    case 'density':
      rows.push(['本稿', `每千字 ${fmt(e.perThousand)} 处（${e.phrases} 处 / ${fmtInt(e.chars)} 字）`]);
      rows.push(['语料', `P50 ${fmt(e.p50)}，P90 ${fmt(e.p90)}`]);
      break;
  }
  return `<dl class="evidence">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`;
}
