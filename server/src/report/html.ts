// The folder report as ONE self-contained HTML page: no network, no external scripts or fonts,
// inline CSS and JS under a nonce-based Content-Security-Policy (so it works opened from disk and
// inside a VS Code webview), inline SVG charts, print styles for A4.
//
// Everything taken from drafts is untrusted: it is escaped here, once, when the page is built; the
// page script only toggles, sorts and moves pre-rendered elements and never parses text as HTML.

import { randomBytes } from 'node:crypto';
import type { Evidence, RuleFamily, Severity } from '../engine/types';
import {
  BYLINE_STATUS_LABEL,
  countTotal,
  DENSITY_BAND_LABEL,
  FAMILIES,
  FAMILY_LABEL,
  SEVERITIES,
  SEVERITY_LABEL,
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
  ${card('错误', fmtInt(s.totals.error), 'sev-error')}
  ${card('警告', fmtInt(s.totals.warning), 'sev-warning')}
  ${card('信息', fmtInt(s.totals.information), 'sev-information')}
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
    (f) => `<label class="toggle"><input type="checkbox" name="family" value="${f}" checked><span class="swatch fam-${f}"></span>${FAMILY_LABEL[f]}</label>`,
  ).join('');
  const sev = SEVERITIES.map(
    (s) => `<label class="toggle"><input type="checkbox" name="severity" value="${s}" checked><span class="chip sev-${s}">${SEVERITY_MARK[s]}</span>${SEVERITY_LABEL[s]}</label>`,
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
  ...FAMILIES.map((f) => ({ key: f, label: FAMILY_LABEL[f], numeric: true })),
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
  const title = SEVERITIES.filter((s) => c[s]).map((s) => `${SEVERITY_LABEL[s]} ${c[s]}`).join('，');
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
<div class="x-head"><span class="chip sev-${f.severity}">${SEVERITY_MARK[f.severity]}</span> <b>${SEVERITY_LABEL[f.severity]}</b> · <code>${escapeHtml(f.ruleId)}</code> · ${FAMILY_LABEL[f.family as RuleFamily]} · 第 ${f.range.start.line + 1} 行第 ${f.range.start.character + 1} 列</div>
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

// ---- style and script ----

const STYLE = `
:root{--fg:var(--vscode-foreground,#1f2328);--bg:var(--vscode-editor-background,#fbfaf7);--panel:var(--vscode-sideBar-background,#fff);--line:rgba(128,128,128,.28);--muted:rgba(128,128,128,1);
--error:#e51400;--warning:#c98a00;--information:#1a85ff;--hint:#8a8a8a;--ok:#2e8b57;
--slogan:#b5487a;--figure:#2f7fb5;--byline:#7a5bb5;--typography:#4f8a5b;
--sans:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","Hiragino Sans GB",sans-serif;--serif:"Noto Serif CJK SC","Source Han Serif SC","Songti SC",SimSun,serif}
*{box-sizing:border-box}
body{margin:0;padding:20px 28px 40px;font:14px/1.6 var(--sans);color:var(--fg);background:var(--bg)}
h1{font-size:22px;margin:0}h1 .folder{font-weight:400;color:var(--muted);margin-left:.4em}
h2{font-size:15px;margin:0 0 8px}h2 small,h3 small{font-weight:400;color:var(--muted);font-size:12px;margin-left:.4em}
h3{font-size:14px;margin:0 0 6px}
.meta{margin:4px 0 0;color:var(--muted);font-size:12.5px}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em}
.page-head{border-bottom:3px double var(--line);padding-bottom:10px;margin-bottom:14px}
.cards{display:flex;gap:10px;flex-wrap:wrap;align-items:stretch;margin-bottom:12px}
.card{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:8px 16px;min-width:92px}
.card-value{font-size:22px;font-weight:700;font-variant-numeric:tabular-nums}.card-label{font-size:12px;color:var(--muted)}
.card.sev-error .card-value{color:var(--error)}.card.sev-warning .card-value{color:var(--warning)}.card.sev-information .card-value{color:var(--information)}
.card-note{align-self:center;color:var(--muted);font-size:12px}
.panels{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:12px;margin-bottom:14px}
.panel{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:10px 14px}
table.mini{border-collapse:collapse;width:100%}table.mini td{padding:3px 4px;border-bottom:1px solid var(--line);vertical-align:middle}
table.mini code{white-space:nowrap}.rule-desc{font-size:11.5px;color:var(--muted)}
.rule-bar rect.fam-slogan,.swatch.fam-slogan{fill:var(--slogan);background:var(--slogan)}.rule-bar rect.fam-figure,.swatch.fam-figure{fill:var(--figure);background:var(--figure)}
.rule-bar rect.fam-byline,.swatch.fam-byline{fill:var(--byline);background:var(--byline)}.rule-bar rect.fam-typography,.swatch.fam-typography{fill:var(--typography);background:var(--typography)}
ol.phrases{margin:0;padding-left:1.6em}ol.phrases li{display:flex;justify-content:space-between;gap:8px;border-bottom:1px dotted var(--line);padding:2px 0}
.phrase{font-family:var(--serif);font-weight:600;white-space:nowrap}ol.phrases .muted-text{white-space:nowrap}
.histogram rect.band-typical{fill:#7fb58a}.histogram rect.band-elevated{fill:#e0b040}.histogram rect.band-high{fill:#e0604a}
.histogram{width:100%;max-width:420px;height:auto;display:block}.axis{font-size:10px;fill:var(--muted)}.axis-line{stroke:var(--line)}
.pct{stroke:var(--fg);stroke-dasharray:3 2;stroke-width:1}.pct-label{font-size:10px;fill:var(--fg)}
.controls{display:flex;flex-wrap:wrap;gap:8px 22px;align-items:center;padding:8px 12px;background:var(--panel);border:1px solid var(--line);border-radius:8px;margin-bottom:8px}
.filter-title{font-weight:600;margin-right:6px}.toggle{margin-right:10px;cursor:pointer;white-space:nowrap;user-select:none}
.toggle input{margin:0 4px 0 0;vertical-align:-2px}.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px}
button{font:inherit;color:inherit;cursor:pointer}
#reset-sort,.open-file,.open-finding{border:1px solid var(--line);background:transparent;border-radius:4px;padding:1px 8px;font-size:12px;margin-left:8px}
.table-wrap{overflow-x:auto}
table#drafts{border-collapse:collapse;width:100%;background:var(--panel);border:1px solid var(--line)}
#drafts th{position:relative;text-align:left;font-size:12.5px;border-bottom:2px solid var(--line);padding:0;white-space:nowrap;background:var(--panel)}
#drafts th button.sort{border:0;background:none;padding:7px 8px;width:100%;text-align:inherit;font-weight:600}
#drafts th.num{text-align:right}#drafts th[data-key=density],#drafts th[data-key=byline-status]{text-align:left}#drafts th .arrow{display:inline-block;width:1em;color:var(--muted)}
#drafts th[aria-sort=descending] .arrow::after{content:"▼"}#drafts th[aria-sort=ascending] .arrow::after{content:"▲"}
#drafts td{padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:middle}
#drafts tbody tr{cursor:pointer}#drafts tbody tr:hover{background:rgba(128,128,128,.08)}#drafts tbody tr.selected{background:rgba(26,133,255,.10);box-shadow:inset 3px 0 var(--information)}
#drafts tr.filtered-out{display:none}
td.num{text-align:right;font-variant-numeric:tabular-nums}
td.headline{min-width:14em;max-width:28em}td.headline .open-detail{border:0;background:none;padding:0;text-align:left;font-family:var(--serif);font-size:15px;font-weight:600}
td.headline .open-detail:hover{text-decoration:underline}td .file{font-size:11px;color:var(--muted);word-break:break-all}
.muted-text{color:var(--muted);font-size:12px}.nowrap{white-space:nowrap}.warn-text{color:var(--warning);font-weight:600}.none{color:var(--muted)}
.chips{display:inline-flex;gap:3px}
.chip{display:inline-block;min-width:1.7em;padding:0 5px;border-radius:9px;font-size:12px;line-height:18px;text-align:center;font-weight:600;color:#fff;font-variant-numeric:tabular-nums}
.chip.sev-error{background:var(--error)}.chip.sev-warning{background:var(--warning)}.chip.sev-information{background:var(--information)}.chip.sev-hint{background:var(--hint)}
.chip.hidden-sev,.fam-cell.dim .chips{opacity:.18}
.score-badge{display:inline-block;min-width:2.4em;padding:1px 6px;border-radius:4px;font-weight:700;text-align:center}
.score-badge.sev-error{color:var(--error);background:rgba(229,20,0,.10)}.score-badge.sev-warning{color:var(--warning);background:rgba(201,138,0,.12)}
.score-badge.sev-information{color:var(--information);background:rgba(26,133,255,.10)}.score-badge.clean{color:var(--ok)}
.density-wrap{display:inline-flex;align-items:center;gap:6px;white-space:nowrap}
.density-bar .track{fill:rgba(128,128,128,.18)}.density-bar .p-band{fill:rgba(201,138,0,.18)}
.density-bar .band-typical{fill:#3f9a56}.density-bar .band-elevated{fill:#d49a00}.density-bar .band-high{fill:#e0402a}
.density-bar .tick{stroke:var(--muted);stroke-width:1}.density-bar .tick.p90{stroke:var(--fg)}
.density-value{font-variant-numeric:tabular-nums;font-size:12.5px;min-width:2.6em;text-align:right}.band-text-high{color:var(--error);font-weight:700}.band-text-elevated{color:var(--warning)}
.byline-mark{white-space:nowrap;font-size:12.5px}.bs-ok{color:var(--ok)}.bs-missing{color:var(--error);font-weight:600}.bs-malformed,.bs-misplaced{color:var(--warning);font-weight:600}.bs-not-expected{color:var(--muted)}
.empty{color:var(--muted);font-style:italic}
.skipped{margin-top:14px}.skipped ul{margin:0;padding-left:1.4em;color:var(--muted)}
#details{margin-top:18px}.hint-line{color:var(--muted)}
.draft-detail{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:14px 18px}
.detail-head h2{font-family:var(--serif);font-size:20px;margin:0}
.detail-body{display:grid;grid-template-columns:minmax(0,1fr) 340px;gap:18px;margin-top:10px}
.text{font-family:var(--serif);font-size:15.5px;line-height:1.95;white-space:pre-wrap;word-break:break-word}
mark.hl{color:inherit;border-radius:2px;cursor:pointer;text-decoration-line:underline;text-decoration-style:wavy;text-decoration-thickness:1px;text-underline-offset:3px}
mark.sev-error{background:rgba(229,20,0,.14);text-decoration-color:var(--error)}mark.sev-warning{background:rgba(230,160,0,.20);text-decoration-color:var(--warning)}
mark.sev-information{background:rgba(26,133,255,.13);text-decoration-color:var(--information)}mark.sev-hint{background:rgba(128,128,128,.14);text-decoration-style:dotted;text-decoration-color:var(--hint)}
mark.caret{background:none;font-weight:700;text-decoration:none;padding:0 1px}mark.caret.sev-error{color:var(--error)}mark.caret.sev-warning{color:var(--warning)}mark.caret.sev-information{color:var(--information)}
mark.hl.muted{background:none;text-decoration:none;cursor:default}
mark.hl.active{outline:2px solid var(--fg);outline-offset:1px}
.detail-side{font-size:13px;position:sticky;top:8px;align-self:start}ol.findings{list-style:none;margin:0 0 10px;padding:0;max-height:36vh;overflow:auto;border:1px solid var(--line);border-radius:6px}
ol.findings li{border-bottom:1px solid var(--line)}ol.findings li:last-child{border-bottom:0}ol.findings li.filtered-out{display:none}
button.finding{display:flex;gap:6px;align-items:flex-start;border:0;background:none;text-align:left;width:100%;padding:5px 8px}
button.finding:hover,button.finding.active{background:rgba(128,128,128,.12)}
.where{color:var(--muted);font-variant-numeric:tabular-nums;min-width:3.2em}.finding-msg{flex:1}
.explanation{border-left:4px solid var(--hint);padding:6px 10px;margin-bottom:8px;background:rgba(128,128,128,.06);border-radius:0 6px 6px 0}
.sev-border-error{border-left-color:var(--error)}.sev-border-warning{border-left-color:var(--warning)}.sev-border-information{border-left-color:var(--information)}
.x-msg{margin:6px 0}.x-quote{margin:4px 0;font-family:var(--serif)}
dl.evidence{display:grid;grid-template-columns:auto 1fr;gap:2px 10px;margin:6px 0;font-size:12.5px}dl.evidence dt{color:var(--muted)}dl.evidence dd{margin:0}
ul.related{margin:4px 0;padding-left:1.2em;font-size:12.5px}
.vscode-only{display:none}body.in-vscode .vscode-only{display:inline-block}
.page-foot{margin-top:24px;color:var(--muted);font-size:11.5px;text-align:center}
@media (max-width:900px){.detail-body{grid-template-columns:1fr}}
@media print{
@page{size:A4;margin:12mm}
body{background:#fff;color:#000;padding:0;font-size:10pt}
.controls,.hint-line,.explain,button.sort .arrow,#reset-sort,.vscode-only,.open-file{display:none!important}
.panels{grid-template-columns:1.25fr 1fr 1fr;gap:8px}.panel,.card{break-inside:avoid}.rule-desc,.panel h2 small{display:none}table.mini{font-size:8.5pt}.histogram{max-width:100%}
#drafts{font-size:8.5pt}#drafts td,#drafts th button.sort{padding:3px 4px}#drafts tr{break-inside:avoid}#drafts thead{display:table-header-group}
td.headline{min-width:9em}td.headline .open-detail{font-size:9.5pt}.table-wrap{overflow:visible}.density-bar{width:64px}#drafts th{font-size:7.5pt}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.draft-detail:not([hidden]){break-before:page;border:0;padding:0}.detail-body{grid-template-columns:1fr}.detail-side{position:static}ol.findings{max-height:none}
}`;

// Runs in the page (browser or webview). No innerHTML: it only toggles, sorts and moves elements.
const SCRIPT = `
(function () {
  'use strict';
  var vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : null;
  if (vscode) document.body.classList.add('in-vscode');
  var table = document.getElementById('drafts');
  if (!table) return;
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var collator = new Intl.Collator('zh-Hans-CN');
  var current = { key: 'score', dir: 'desc' };

  function cellValue(tr, index, numeric) {
    var v = tr.cells[index].getAttribute('data-v') || '';
    return numeric ? Number(v) : v;
  }
  function sortBy(key, dir) {
    var ths = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var index = -1, numeric = false;
    ths.forEach(function (th, i) {
      var on = th.getAttribute('data-key') === key;
      if (on) { index = i; numeric = th.getAttribute('data-numeric') === 'true'; }
      th.setAttribute('aria-sort', on ? (dir === 'asc' ? 'ascending' : 'descending') : 'none');
      th.classList.toggle('sorted', on);
    });
    if (index < 0) return;
    var sign = dir === 'asc' ? 1 : -1;
    var scoreIndex = 0;
    var sorted = rows.slice().sort(function (a, b) {
      var x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
      var c = numeric ? x - y : collator.compare(x, y);
      return sign * c || cellValue(b, scoreIndex, true) - cellValue(a, scoreIndex, true) || Number(a.getAttribute('data-row')) - Number(b.getAttribute('data-row'));
    });
    sorted.forEach(function (tr) { tbody.appendChild(tr); });
    current = { key: key, dir: dir };
    if (vscode) vscode.setState(Object.assign({}, vscode.getState() || {}, { sort: current }));
  }
  table.tHead.addEventListener('click', function (e) {
    var th = e.target.closest('th');
    if (!th) return;
    var key = th.getAttribute('data-key');
    var numeric = th.getAttribute('data-numeric') === 'true';
    var dir = current.key === key ? (current.dir === 'asc' ? 'desc' : 'asc') : (numeric ? 'desc' : 'asc');
    sortBy(key, dir);
  });
  document.getElementById('reset-sort').addEventListener('click', function () { sortBy('score', 'desc'); });

  // Filters: a row stays when it has a finding of a checked family with a checked severity.
  function checked(name) {
    return Array.prototype.slice.call(document.querySelectorAll('input[name=' + name + ']:checked')).map(function (i) { return i.value; });
  }
  function matches(family, severity, fams, sevs) { return fams.indexOf(family) >= 0 && sevs.indexOf(severity) >= 0; }
  function applyFilter() {
    var fams = checked('family'), sevs = checked('severity');
    var all = fams.length === 4 && sevs.length === 4;
    var shown = 0;
    rows.forEach(function (tr) {
      var kinds = (tr.getAttribute('data-kinds') || '').split(' ').filter(Boolean);
      var keep = all || kinds.some(function (k) { var p = k.split(':'); return matches(p[0], p[1], fams, sevs); });
      tr.classList.toggle('filtered-out', !keep);
      if (keep) shown++;
      Array.prototype.forEach.call(tr.querySelectorAll('.fam-cell'), function (td) {
        td.classList.toggle('dim', fams.indexOf(td.getAttribute('data-family')) < 0);
      });
      Array.prototype.forEach.call(tr.querySelectorAll('.chip[data-severity]'), function (chip) {
        chip.classList.toggle('hidden-sev', sevs.indexOf(chip.getAttribute('data-severity')) < 0);
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll('.draft-detail'), function (article) {
      var buttons = article.querySelectorAll('button.finding');
      Array.prototype.forEach.call(buttons, function (b) {
        b.parentNode.classList.toggle('filtered-out', !matches(b.getAttribute('data-family'), b.getAttribute('data-severity'), fams, sevs));
      });
      Array.prototype.forEach.call(article.querySelectorAll('mark.hl'), function (m) {
        var visible = m.getAttribute('data-f').split(' ').some(function (j) {
          var b = buttons[Number(j)];
          return b && matches(b.getAttribute('data-family'), b.getAttribute('data-severity'), fams, sevs);
        });
        m.classList.toggle('muted', !visible);
      });
    });
    document.getElementById('row-count').textContent = all ? '共 ' + rows.length + ' 篇' : '显示 ' + shown + ' / ' + rows.length + ' 篇';
  }
  Array.prototype.forEach.call(document.querySelectorAll('.controls input'), function (i) { i.addEventListener('change', applyFilter); });

  function post(message) { if (vscode) vscode.postMessage(message); }
  function articleOf(i) { return document.getElementById('draft-' + i); }
  function openDraft(i, reveal) {
    rows.forEach(function (tr) { tr.classList.toggle('selected', tr.getAttribute('data-row') === String(i)); });
    Array.prototype.forEach.call(document.querySelectorAll('.draft-detail'), function (a) { a.hidden = a.getAttribute('data-row') !== String(i); });
    document.getElementById('detail-hint').hidden = true;
    var article = articleOf(i);
    if (reveal && article) article.scrollIntoView({ block: 'start' });
  }
  function openInEditor(article, button) {
    var target = { type: 'open', file: article.getAttribute('data-file'), uri: article.getAttribute('data-uri') || undefined };
    if (button) target.range = { start: { line: Number(button.getAttribute('data-line')), character: Number(button.getAttribute('data-char')) }, end: { line: Number(button.getAttribute('data-eline')), character: Number(button.getAttribute('data-echar')) } };
    post(target);
  }
  tbody.addEventListener('click', function (e) {
    var tr = e.target.closest('tr');
    if (!tr) return;
    var i = tr.getAttribute('data-row');
    openDraft(i, true);
    if (vscode) openInEditor(articleOf(i), null);
  });
  tbody.addEventListener('keydown', function (e) {
    if (e.key !== 'Enter') return;
    var tr = e.target.closest('tr');
    if (tr) openDraft(tr.getAttribute('data-row'), true);
  });

  function explain(article, indices, scrollText) {
    Array.prototype.forEach.call(article.querySelectorAll('.explanation'), function (x) { x.hidden = indices.indexOf(x.getAttribute('data-x')) < 0; });
    Array.prototype.forEach.call(article.querySelectorAll('button.finding'), function (b) { b.classList.toggle('active', indices.indexOf(b.getAttribute('data-f')) >= 0); });
    var marks = article.querySelectorAll('mark.hl');
    var first = null;
    Array.prototype.forEach.call(marks, function (m) {
      var on = m.getAttribute('data-f').split(' ').some(function (j) { return indices.indexOf(j) >= 0; });
      m.classList.toggle('active', on);
      if (on && !first) first = m;
    });
    var hint = article.querySelector('.explain-hint');
    if (hint) hint.hidden = indices.length > 0;
    if (scrollText && first) first.scrollIntoView({ block: 'center' });
  }
  document.getElementById('details').addEventListener('click', function (e) {
    var article = e.target.closest('.draft-detail');
    if (!article) return;
    var mark = e.target.closest('mark.hl');
    if (mark && !mark.classList.contains('muted')) { explain(article, mark.getAttribute('data-f').split(' '), false); return; }
    var finding = e.target.closest('button.finding');
    if (finding) {
      explain(article, [finding.getAttribute('data-f')], true);
      if (vscode) openInEditor(article, finding);
      return;
    }
    var locate = e.target.closest('button.open-finding');
    if (locate) { openInEditor(article, article.querySelector('button.finding[data-f="' + locate.getAttribute('data-f') + '"]')); return; }
    if (e.target.closest('button.open-file')) openInEditor(article, null);
  });
  document.getElementById('details').addEventListener('keydown', function (e) {
    var mark = e.target.closest && e.target.closest('mark.hl');
    if (mark && e.key === 'Enter') explain(mark.closest('.draft-detail'), mark.getAttribute('data-f').split(' '), false);
  });

  var state = vscode && vscode.getState();
  if (state && state.sort) sortBy(state.sort.key, state.sort.dir);
  // Tells the editor the page ran (its script was allowed) and how many rows it shows.
  post({ type: 'rendered', rows: rows.length });
})();
`;
