import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits, applyFixes, checkFix, fixUntilStable } from '../../server/src/engine/fix';
import type { Finding, TextEdit } from '../../server/src/engine/types';

function finding(start: number, end: number, edits: TextEdit[], ruleId = 'punctuation-width'): Finding {
  return { ruleId, severity: 'warning', message: '测试', start, end, fix: { title: '修复', edits } };
}

/** A finding replacing the half-width mark at `at` with its full-width form. */
function widen(text: string, at: number): Finding {
  const full: Record<string, string> = { ',': '，', '!': '！', ';': '；', ':': '：' };
  return finding(at, at + 1, [{ start: at, end: at + 1, newText: full[text[at]] }]);
}

describe('applyFixes', () => {
  it('applies every independent fix in one pass', () => {
    const text = '城市更新不是拆旧建新,而是让老街区重新焕发活力!';
    const out = applyFixes(text, [widen(text, 10), widen(text, 23)]);
    expect(out.text).toBe('城市更新不是拆旧建新，而是让老街区重新焕发活力！');
    expect(out.applied).toHaveLength(2);
    expect(out.refused).toHaveLength(0);
  });

  it('ignores findings without a fix and leaves the text alone when nothing is fixable', () => {
    const text = '社区食堂开了三年，老人们说“饭菜合口”。';
    const out = applyFixes(text, [{ ruleId: 'figure-unsourced', severity: 'warning', message: '数字无出处', start: 6, end: 8 }]);
    expect(out.text).toBe(text);
    expect(out.applied).toHaveLength(0);
  });

  it('skips a fix that overlaps one already taken (the next pass recomputes it)', () => {
    const text = '乡村振兴,关键在人';
    const first = finding(4, 5, [{ start: 4, end: 5, newText: '，' }]);
    const overlapping = finding(3, 6, [{ start: 3, end: 6, newText: '兴：关' }], 'figure-format');
    const out = applyFixes(text, [overlapping, first]);
    // Document order: the overlapping fix starts first, so it wins and the other waits.
    expect(out.applied.map((f) => f.ruleId)).toEqual(['figure-format']);
    expect(out.refused).toEqual([{ finding: first, reason: 'overlap' }]);
    expect(out.text).toBe('乡村振兴：关键在人');
  });

  it('treats a multi-edit fix as all or nothing', () => {
    const text = '标题\n王英 文\n正文很短。';
    const joint = finding(3, 7, [
      { start: 3, end: 3, newText: '●' },
      { start: 5, end: 7, newText: '' },
    ]);
    const clash = finding(6, 7, [{ start: 6, end: 7, newText: '字' }]);
    const out = applyFixes(text, [joint, clash]);
    expect(out.text).toBe('标题\n●王英\n正文很短。');
    expect(out.refused.map((r) => r.reason)).toEqual(['overlap']);
  });

  it('refuses a stale fix when the text changed at its span since it was computed', () => {
    const source = '数据显示,今年新增岗位一万个';
    const f = widen(source, 4);
    const edited = '调查显示：今年新增岗位一万个';
    const out = applyFixes(edited, [f], source);
    expect(out.text).toBe(edited);
    expect(out.refused).toEqual([{ finding: f, reason: 'stale' }]);
  });

  it('refuses a fix whose text moved (an insertion earlier shifted it)', () => {
    const source = '老旧小区改造,让居民住得更舒心';
    const f = widen(source, 6);
    const shifted = '（一）' + source;
    expect(checkFix(shifted, source, f)).toBe('stale');
  });

  it('still applies a fix when the text changed elsewhere', () => {
    const source = '夜间经济,点亮城市烟火气。第二段不变。';
    const f = widen(source, 4);
    const edited = source.replace('第二段不变', '第二段改过');
    expect(applyFixes(edited, [f], source).text).toBe('夜间经济，点亮城市烟火气。第二段改过。');
  });

  it('never splits a surrogate pair', () => {
    const text = '𠀀字,好';
    const splitting = finding(1, 3, [{ start: 1, end: 3, newText: 'x' }]);
    expect(checkFix(text, text, splitting)).toBe('splits-surrogate-pair');
    const loneHalf = finding(3, 4, [{ start: 3, end: 4, newText: '\ud840' }]);
    expect(checkFix(text, text, loneHalf)).toBe('splits-surrogate-pair');
    const ok = widen(text, 3);
    expect(applyFixes(text, [splitting, ok]).text).toBe('𠀀字，好');
  });

  it('refuses edits outside the text', () => {
    const text = '短文本';
    expect(checkFix(text, text, finding(0, 1, [{ start: 2, end: 9, newText: '' }]))).toBe('out-of-range');
  });
});

describe('applyEdits', () => {
  it('applies edits given in any order, insertions included', () => {
    expect(applyEdits('一二三', [{ start: 3, end: 3, newText: '。' }, { start: 0, end: 0, newText: '●' }, { start: 1, end: 2, newText: '两' }])).toBe('●一两三。');
  });
});

describe('fixUntilStable', () => {
  // A toy linter: every half-width comma between Han characters is a finding with a fix.
  const lint = (text: string) => ({
    findings: [...text.matchAll(/(?<=[\u4e00-\u9fff]),/g)].map((m) => widen(text, m.index!)),
  });

  it('fixes, re-lints and stops when nothing is left to fix', () => {
    const out = fixUntilStable('我们,你们,他们', lint);
    expect(out.text).toBe('我们，你们，他们');
    expect(out.fixed).toBe(2);
    expect(out.passes).toBe(1);
    expect(out.result.findings).toHaveLength(0);
  });

  it('stops after the pass limit even if fixes keep coming', () => {
    let n = 0;
    const endless = (text: string) => ({ findings: [finding(0, 0, [{ start: 0, end: 0, newText: String(n++ % 10) }])], text });
    const out = fixUntilStable('起', endless, 3);
    expect(out.passes).toBe(3);
    expect(out.text).toHaveLength(4);
  });
});

describe('applyFixes properties', () => {
  // Text with BMP Han, ASCII punctuation, emoji and astral CJK, so offsets can land inside pairs.
  const piece = fc.constantFrom('城', '市', ',', '。', ' ', '\n', '😀', '𠀀', 'a', '“', '”');
  const text = fc.array(piece, { maxLength: 40 }).map((a) => a.join(''));
  const withFindings = text.chain((t) =>
    fc.tuple(
      fc.constant(t),
      fc.array(
        fc.tuple(fc.nat(t.length), fc.nat(t.length), fc.constantFrom('', '，', '𠀀', '\ud840', '合并')).map(([a, b, newText]) => {
          const [start, end] = a <= b ? [a, b] : [b, a];
          return finding(start, end, [{ start, end, newText }]);
        }),
        { maxLength: 8 },
      ),
    ),
  );

  it('never splits a surrogate pair, never applies overlapping edits, and accounts for every fix', () => {
    fc.assert(
      fc.property(withFindings, ([t, findings]) => {
        const out = applyFixes(t, findings);
        expect(out.applied.length + out.refused.length).toBe(findings.length);
        expect(out.text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
        const edits = out.applied.flatMap((f) => f.fix!.edits).sort((a, b) => a.start - b.start || a.end - b.end);
        for (let i = 1; i < edits.length; i++) expect(edits[i].start).toBeGreaterThanOrEqual(edits[i - 1].end);
        // On the text the findings were computed on, nothing is ever stale.
        expect(out.refused.map((r) => r.reason)).not.toContain('stale');
      }),
    );
  });

  it('applying the same fixes to a changed text touches only spans that are unchanged', () => {
    fc.assert(
      fc.property(withFindings, text, ([source, findings], prefix) => {
        const current = prefix + source;
        const out = applyFixes(current, findings, source);
        for (const f of out.applied) {
          for (const e of f.fix!.edits) expect(current.slice(e.start, e.end)).toBe(source.slice(e.start, e.end));
        }
      }),
    );
  });
});
