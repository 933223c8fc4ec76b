// The folder report as Markdown, for pasting into a chat or an email: the summary and the same
// table as the HTML report (worst drafts first). Draft text is escaped so it cannot break the table.

import { FAMILY_NAMES, SEVERITY_NAMES } from '../engine/labels';
import {
  BYLINE_STATUS_LABEL,
  countTotal,
  FAMILIES,
  SEVERITIES,
  type DraftRow,
  type FolderReport,
  type SeverityCounts,
} from './model';

const SEVERITY_ICON = { error: '🔴', warning: '🟠', information: '🔵', hint: '⚪' } as const;
const BAND_ICON = { typical: '', elevated: ' ↑', high: ' ⚠' } as const;

/** Escapes text for a Markdown table cell: pipes, markup characters, HTML and line breaks. */
export function escapeMarkdownCell(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_{}[\]()#+!|<>~]/g, (c) => `\\${c}`)
    .trim();
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

function counts(c: SeverityCounts): string {
  if (!countTotal(c)) return '—';
  return SEVERITIES.filter((s) => c[s])
    .map((s) => `${SEVERITY_ICON[s]}${c[s]}`)
    .join(' ');
}

function row(r: DraftRow, index: number): string {
  const cells = [
    String(index + 1),
    String(r.score),
    `**${escapeMarkdownCell(r.headline || '（无标题）')}** \`${r.file.replace(/`/g, "'").replace(/\|/g, '\\|')}\``,
    escapeMarkdownCell(r.author),
    String(r.chars),
    ...FAMILIES.map((f) => counts(r.counts[f])),
    `${fmt(r.sloganDensity)}${BAND_ICON[r.densityBand]}`,
    String(r.unsourcedFigures),
    BYLINE_STATUS_LABEL[r.bylineStatus],
  ];
  return `| ${cells.join(' | ')} |`;
}

export function renderReportMarkdown(report: FolderReport): string {
  const s = report.summary;
  const out: string[] = [];
  out.push(`# 评论稿检查报告：${escapeMarkdownCell(report.title)}`);
  out.push('');
  out.push(
    `${s.drafts} 篇稿件，${s.chars.toLocaleString('en-US')} 字；${SEVERITIES.filter((x) => x !== 'hint')
      .map((x) => `${SEVERITY_NAMES[x]} ${s.totals[x]}`)
      .join('，')}${s.skipped ? `；另有 ${s.skipped} 个文件未检查` : ''}。文风档案 ${escapeMarkdownCell(report.profileName)}，语料套话密度 P50 ${fmt(report.p50)}、P90 ${fmt(report.p90)}（每千字）。`,
  );
  out.push('');
  const head = ['#', '综合', '标题', '作者', '字数', ...FAMILIES.map((f) => FAMILY_NAMES[f]), '套话密度', '无出处数字', '署名'];
  out.push(`| ${head.join(' | ')} |`);
  out.push(`| ${head.map((_, i) => (i === 2 || i === 3 ? '---' : '---:')).join(' | ')} |`);
  report.rows.forEach((r, i) => out.push(row(r, i)));
  out.push('');
  out.push(`图例：${SEVERITIES.map((x) => `${SEVERITY_ICON[x]} ${SEVERITY_NAMES[x]}`).join('　')}；套话密度 ↑ 高于语料中位数，⚠ 高于 P90。综合分 = 错误×10 + 警告×3 + 信息×1。`);

  if (s.byRule.length) {
    out.push('');
    out.push('## 各规则问题数');
    out.push('');
    out.push('| 规则 | 说明 | 问题 | 稿件 |');
    out.push('| --- | --- | ---: | ---: |');
    for (const r of s.byRule) out.push(`| \`${r.ruleId}\` | ${escapeMarkdownCell(r.description)} | ${counts(r.counts)} | ${r.drafts} |`);
  }
  if (s.repeatedPhrases.length) {
    out.push('');
    out.push('## 本期高频套话');
    out.push('');
    s.repeatedPhrases.forEach((p, i) => out.push(`${i + 1}. “${escapeMarkdownCell(p.phrase)}”：${p.drafts} 篇，共 ${p.count} 次`));
  }
  if (report.skipped.length) {
    out.push('');
    out.push('## 未检查的文件');
    out.push('');
    for (const f of report.skipped) out.push(`- \`${f.file.replace(/`/g, "'")}\`：${escapeMarkdownCell(f.reason)}`);
  }
  out.push('');
  return out.join('\n');
}
