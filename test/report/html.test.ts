import { describe, expect, it } from 'vitest';
import { renderHighlightedText, renderReportHtml } from '../../server/src/report/html';
import { escapeMarkdownCell, renderReportMarkdown } from '../../server/src/report/markdown';
import { buildReport, finding, fixtureProfile, fixtureResults, result, RULE_INFO } from './fixtures';

const HOSTILE = `<script>alert(1)</script>“城市更新”不能只刷墙面
●林晓
有人在稿件里写了<img src=x onerror=alert(2)>，还写了 " onmouseover="alert(3) 这样的话，要以人民为中心。`;

function hostileReport() {
  const hostile = result('drafts/<b>x</b>.txt', HOSTILE, [
    finding(HOSTILE, '<img src=x onerror=alert(2)>', 'punctuation-width', 'warning', '这里有 <img src=y onerror=alert(4)> 字样：请删去。'),
    finding(HOSTILE, '以人民为中心', 'slogan-cliche', 'information', '“以人民为中心”是高频套话。', {
      kind: 'phrase',
      phrase: '以人民为中心</dd><script>alert(5)</script>',
      corpusCount: 3,
      articleCount: 2,
      maxPerArticle: 1,
      draftCount: 1,
      examples: [{ headline: '</q><script>alert(6)</script>', file: 'a.txt', offset: 1 }],
    }),
  ], { authors: ['林晓'], chars: 60 });
  return buildReport([hostile, ...fixtureResults()], fixtureProfile(), { rules: RULE_INFO, title: '<i>评论部</i>', generatedAt: '2026-11-26T03:00:00Z' });
}

describe('HTML report', () => {
  it('escapes everything taken from drafts: the only script is the report’s own, under the nonce', () => {
    const html = renderReportHtml(hostileReport(), { nonce: 'TESTNONCE' });
    expect(html.match(/<script\b/g)).toHaveLength(1);
    expect(html).toContain('<script nonce="TESTNONCE">');
    expect(html).not.toMatch(/<img\b/);
    const attributes = startTags(html).join('\n');
    expect(attributes).not.toMatch(/\son[a-z]+=/);
    expect(attributes).toContain('data-file="drafts/&lt;b&gt;x&lt;/b&gt;.txt"');
    expect(html).not.toContain('<i>评论部</i>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;“城市更新”不能只刷墙面');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
  });

  it('sets a strict content security policy: no network, inline code only with the nonce', () => {
    const html = renderReportHtml(hostileReport(), { nonce: 'N1', cspSource: 'https://webview.test' });
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'nonce-N1'");
    expect(csp).toContain("style-src 'nonce-N1' https://webview.test");
    expect(csp).not.toContain('unsafe-inline');
    expect(html).toContain('<style nonce="N1">');
    // No inline event handlers or style attributes, which the policy would block.
    expect(startTags(html).filter((tag) => /\s(on[a-z]+|style)=/.test(tag))).toEqual([]);
    // Nothing to fetch.
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('uses a fresh nonce per render by default', () => {
    const nonce = (html: string) => /<script nonce="([^"]+)">/.exec(html)![1];
    const report = hostileReport();
    expect(nonce(renderReportHtml(report))).not.toBe(nonce(renderReportHtml(report)));
  });

  it('renders one table row per draft, worst first, and a hidden detail view per draft', () => {
    const html = renderReportHtml(buildReport(fixtureResults(), fixtureProfile(), { rules: RULE_INFO, title: '评论部' }), { nonce: 'n' });
    const rows = [...html.matchAll(/<tr data-row="(\d+)"[^>]*>.*?class="open-detail">([^<]+)</g)].map((m) => m[2]);
    expect(rows).toEqual(['夜市的烟火气从哪里来', '让地铁站的电梯先转起来', '口袋公园不只是“盆景”', '社区图书馆要“活”起来']);
    expect(html.match(/<article class="draft-detail"[^>]* hidden>/g)).toHaveLength(4);
    expect(html).toContain('无署名');
    expect(html).toContain('语料P90 8');
  });

  it('highlights findings in the text, overlapping ones in one segment coloured by the worst', () => {
    const text = '推动高质量发展，离不开小事。';
    const html = renderHighlightedText({
      text,
      findings: [
        { ...finding(text, '推动高质量发展', 'slogan-repeat', 'warning', 'a'), related: undefined, family: 'slogan', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 7 } }, text: '推动高质量发展' },
        { ...finding(text, '高质量发展', 'slogan-cliche', 'information', 'b'), related: undefined, family: 'slogan', range: { start: { line: 0, character: 2 }, end: { line: 0, character: 7 } }, text: '高质量发展' },
        { ruleId: 'byline-missing', severity: 'error', message: 'c', start: 0, end: 0, family: 'byline', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '' },
      ],
    });
    expect(html).toBe(
      '<mark class="hl caret sev-error" data-f="2" tabindex="0" title="c">‸</mark>' +
        '<mark class="hl sev-warning" data-f="0" tabindex="0">推动</mark>' +
        '<mark class="hl sev-warning" data-f="0 1" tabindex="0">高质量发展</mark>' +
        '，离不开小事。',
    );
  });
});

describe('empty folder', () => {
  it('renders a page that says there is nothing to check, and a Markdown summary with no rows', () => {
    const report = buildReport([], fixtureProfile(), { rules: RULE_INFO, title: '空文件夹' });
    const html = renderReportHtml(report, { nonce: 'n' });
    expect(html).toContain('这个文件夹里没有可检查的稿件。');
    expect(html).not.toContain('<tr data-row=');
    expect(renderReportMarkdown(report)).toContain('0 篇稿件，0 字');
  });
});

describe('Markdown report', () => {
  it('has the same rows, worst first, and a summary', () => {
    const md = renderReportMarkdown(buildReport(fixtureResults(), fixtureProfile(), { rules: RULE_INFO, title: '评论部' }));
    const tableRows = md.split('\n').filter((l) => /^\| \d+ \|/.test(l));
    expect(tableRows).toHaveLength(4);
    expect(tableRows[0]).toContain('**夜市的烟火气从哪里来**');
    expect(tableRows[0]).toContain('无署名');
    expect(tableRows[0]).toContain('缺署名');
    expect(tableRows[1]).toMatch(/\| 🟠1 🔵1 \| 🟠2 \|/);
    expect(md).toContain('## 本期高频套话');
    expect(md).toContain('1. “高质量发展”：3 篇，共 3 次');
    expect(md).toContain('4 篇稿件，1,422 字；错误 1，警告 7，信息 2；另有 1 个文件未检查');
  });

  it('keeps hostile headlines inside their table cell', () => {
    expect(escapeMarkdownCell('标题|里有竖线\n和<b>标签</b>')).toBe('标题\\|里有竖线 和\\<b\\>标签\\</b\\>');
    const md = renderReportMarkdown(hostileReport());
    const row = md.split('\n').find((l) => l.includes('城市更新'))!;
    expect(row.split(/(?<!\\)\|/).length).toBe(fixtureColumns + 2);
  });
});

/** Every start tag of the page, attributes included (text between tags left out). */
function startTags(html: string): string[] {
  return [...html.matchAll(/<[a-zA-Z][^>]*>/g)].map((m) => m[0]);
}

/** # 综合 标题 作者 字数 + 4 families + 密度 无出处 署名. */
const fixtureColumns = 12;
