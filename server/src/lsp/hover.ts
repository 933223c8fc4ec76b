// Markdown hovers in Chinese: for each finding under the cursor, what is wrong and the corpus
// evidence behind it; on any figure or byline, what the engine read there even when nothing is wrong.

import type { Hover, MarkupContent } from 'vscode-languageserver';
import { houseByline, houseFormExample, houseFormText } from '../engine/byline/house';
import { extractFiguresFor, type Figure } from '../engine/figures/extract';
import { figureEvidence, findPublishedConflict, findPublishedMatch } from '../engine/figures/match';
import type { Byline, ParsedDraft } from '../engine/parse/draft';
import type { BylineModel, BylinePosition, Profile } from '../engine/profile/types';
import { SEVERITY_NAMES } from '../engine/labels';
import type { Evidence, ExampleRef, Finding, PublishedFigureRef } from '../engine/types';
import { ruleDocsUrl, spanToRange } from './diagnostics';


export function hoverAt(draft: ParsedDraft, findings: readonly Finding[], profile: Profile, offset: number): Hover | undefined {
  // A zero-width finding (a missing byline, say) is hovered at its position.
  const here = findings.filter((f) => f.start <= offset && (offset < f.end || (f.start === f.end && offset === f.start)));
  const sections = here.map(renderFinding);
  let start = Math.min(...here.map((f) => f.start));
  let end = Math.max(...here.map((f) => f.end));

  // Figures and bylines get a hover of their own unless a finding already explains them.
  if (!here.some((f) => f.evidence?.kind === 'figure')) {
    const figure = figureAt(draft, profile, offset);
    if (figure) {
      sections.push(describeFigure(figure, profile));
      start = Math.min(start, figure.start);
      end = Math.max(end, figure.end);
    }
  }
  const byline = draft.bylineCandidates.find((b) => b.start <= offset && offset < b.end);
  if (byline && !here.some((f) => f.evidence?.kind === 'byline')) {
    sections.push(renderBylineInfo(byline, profile.house.byline));
    start = Math.min(start, byline.start);
    end = Math.max(end, byline.end);
  }
  if (!sections.length) return undefined;
  const contents: MarkupContent = { kind: 'markdown', value: sections.join('\n\n---\n\n') };
  return { contents, range: spanToRange(draft, { start, end }) };
}

/** Any statistic in the draft, flagged or not: what the engine parsed there. */
function figureAt(draft: ParsedDraft, profile: Profile, offset: number): Figure | undefined {
  return extractFiguresFor(draft, profile).find((f) => f.start <= offset && offset < f.end);
}

/** Whether an attribution was found, and the figure the publication already printed that it matches or contradicts. */
function describeFigure(figure: Figure, profile: Profile): string {
  const published = findPublishedMatch(figure, profile);
  const conflictsWith = published ? undefined : findPublishedConflict(figure, profile);
  return `**Opinion Lint** · 数字\n\n${renderEvidence(figureEvidence(figure, { published, conflictsWith }))}`;
}

function renderFinding(f: Finding): string {
  const lines = [`**Opinion Lint** · \`${f.ruleId}\` · ${SEVERITY_NAMES[f.severity]}`, '', escapeMarkdown(f.message)];
  if (f.evidence) lines.push('', renderEvidence(f.evidence));
  if (f.fix) lines.push('', `可自动修复：${escapeMarkdown(f.fix.title)}`);
  else if (f.suggestions?.length) lines.push('', `快速修复：${f.suggestions.map((s) => escapeMarkdown(s.title)).join('；')}`);
  lines.push('', `[规则说明：${f.ruleId}](${ruleDocsUrl(f.ruleId)})`);
  return lines.join('\n');
}

export function renderEvidence(e: Evidence): string {
  // One fact per paragraph: a single Markdown newline would run the lines together.
  switch (e.kind) {
    case 'phrase': {
      const lines = [
        `**语料证据**：“${escapeMarkdown(e.phrase)}”在语料库中出现 ${e.corpusCount} 次，见于 ${e.articleCount} 篇文章，单篇最多用了 ${e.maxPerArticle} 次。`,
        `本稿用了 ${e.draftCount} 次${e.limit !== undefined ? `，按语料习惯每篇不宜超过 ${e.limit} 次` : ''}。`,
      ];
      if (e.why) lines.push(`**为何算套话**：${escapeMarkdown(e.why)}`);
      else if (e.keyness !== undefined && e.keyness >= 1) lines.push(`使用频率约为一般汉语的 ${Math.round(2 ** e.keyness)} 倍。`);
      if (e.examples.length) lines.push(`语料中的例文：${e.examples.slice(0, 3).map(renderExample).join('、')}`);
      return lines.join('\n\n');
    }
    case 'figure': {
      const lines = [`**数字解析**：${escapeMarkdown(e.raw)} → 数值 ${formatNumber(e.value)}，单位“${escapeMarkdown(e.unit)}”。`];
      if (e.subject.length) lines.push(`所指对象：${e.subject.map(escapeMarkdown).join('、')}。`);
      lines.push(e.attribution ? `出处：找到“${escapeMarkdown(e.attribution)}”。` : '出处：本句及上一句中没有找到出处（如“据……”“数据显示”“统计”）。');
      if (e.published) lines.push(`与已发表数字一致：${renderPublished(e.published)}。`);
      if (e.conflictsWith) lines.push(`与已发表数字不一致：${renderPublished(e.conflictsWith)}。`);
      if (e.sentence) lines.push(`本句：${escapeMarkdown(e.sentence)}`);
      if (e.conflictsWithDraft) lines.push(`第 ${e.conflictsWithDraft.line + 1} 行（${escapeMarkdown(e.conflictsWithDraft.raw)}）：${escapeMarkdown(e.conflictsWithDraft.sentence)}`);
      return lines.join('\n\n');
    }
    case 'byline': {
      const lines = [`**本报署名格式**：${escapeMarkdown(e.houseForm)}`];
      if (e.found) lines.push(`本稿写作：${escapeMarkdown(e.found)}`);
      if (e.details) lines.push(escapeMarkdown(e.details));
      return lines.join('\n\n');
    }
    case 'formulation': {
      const lines = [
        `**规范提法**：“${escapeMarkdown(e.canonical)}”——本报 ${e.canonicalArticles} 篇文章这样写${e.examples.length ? `，如${e.examples.slice(0, 3).map(renderExample).join('、')}` : ''}。`,
        e.variantArticles
          ? `本稿写作“${escapeMarkdown(e.variant)}”（${escapeMarkdown(e.difference)}）：本报仅 ${e.variantArticles} 篇这样写${e.variantExamples.length ? `，见${e.variantExamples.map(renderExample).join('、')}` : ''}。`
          : `本稿写作“${escapeMarkdown(e.variant)}”（${escapeMarkdown(e.difference)}）：本报没有一篇这样写。`,
      ];
      return lines.join('\n\n');
    }
    case 'density':
      return `**套话密度**：本稿每千字 ${e.perThousand.toFixed(1)} 个（共 ${e.phrases} 个，${e.chars} 字）；语料中位数 ${e.p50.toFixed(1)}，90% 分位 ${e.p90.toFixed(1)}。`;
  }
}

function renderBylineInfo(byline: Byline, model: BylineModel): string {
  const lines = ['**署名**', '', `本稿署名：${escapeMarkdown(byline.raw)}`];
  const house = houseByline(model);
  if (!house) {
    lines.push('', `文风档案中的 ${model.articles} 篇文章没有学到固定的署名格式。`);
    return lines.join('\n');
  }
  const form = byline.names.length ? houseFormText(house, byline.names) : houseFormExample(house);
  lines.push('', `**本报署名格式**：${escapeMarkdown(form)}（从 ${model.articles} 篇已发表文章学得，其中 ${model.articlesWithByline} 篇有署名）`);
  lines.push(`- 位置：${POSITION_LABEL[house.position]}`);
  if (house.nameLengths) lines.push(`- 姓名长度：${house.nameLengths.min === house.nameLengths.max ? house.nameLengths.min : `${house.nameLengths.min}–${house.nameLengths.max}`} 字`);
  lines.push(`- 多位作者之间用${SEPARATOR_LABEL[house.separator] ?? `“${escapeMarkdown(house.separator)}”`}分隔`);
  return lines.join('\n');
}

const POSITION_LABEL: Record<BylinePosition, string> = { 'after-headline': '标题之后另起一行', end: '文末', none: '不署名' };
const SEPARATOR_LABEL: Record<string, string> = { ' ': '空格', '　': '全角空格', '、': '顿号“、”' };

function renderExample(ref: ExampleRef): string {
  return `《${escapeMarkdown(ref.headline)}》`;
}

function renderPublished(ref: PublishedFigureRef): string {
  return `《${escapeMarkdown(ref.headline)}》${ref.date ? `（${ref.date}）` : ''}中为 ${formatNumber(ref.value)}${escapeMarkdown(ref.unit)}`;
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(12)));
}

/** Text from drafts and the corpus is data: Markdown syntax in it must not render. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~#]/g, (c) => `\\${c}`);
}
