// Property-based checks over the engine (fast-check): random drafts built from realistic Chinese
// pieces and from arbitrary Unicode, random edits and random configurations never make the engine
// throw; every range lies inside the text on code-point boundaries; fixes never land on changed
// text; and once a fix is applied, re-linting does not report the same rule on the fixed text.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LintConfig, RuleSetting } from '../../server/src/engine/config/types';
import { defaultConfig } from '../../server/src/engine/config/types';
import { applyEdits, applyFixes } from '../../server/src/engine/fix';
import { lintText } from '../../server/src/engine/lint';
import { RULES } from '../../server/src/engine/rules';
import type { Finding } from '../../server/src/engine/types';
import { defaultProfile, rangeProblems, SLOGAN } from './helpers';

const profile = defaultProfile();
// Modest by default so the suite stays fast; raise it locally to hunt for counterexamples.
const RUNS = Number(process.env.OPINION_LINT_PROPERTY_RUNS ?? 150);

/** Pieces a newsroom draft (or a messy paste) is made of: Chinese text and figures… */
const CHINESE = [
  '城市更新要算民生账', '老旧小区加装电梯', '社区食堂的一碗热饭', '让群众少跑腿', SLOGAN, '全面深化改革', '推动高质量发展', '居民说', '记者走访发现',
  '据市统计局发布的数据显示', '今年上半年', '全市新增就业岗位3.2万个', '同比增长12.5%', '约300家', '2024年', '24年', '１２３', '1,000元',
  '第3届', '10:30', '三四个', '上千人', '两万余人', '𠀀记', '𪚥', '●李明', '（作者为本报评论员）',
];
/** …and marks, spaces, invisible characters, emoji, half surrogate pairs, Latin, comments. */
const OTHER = [
  '，', '。', '、', '；', '：', '！', '？', '……', ',', '.', '!', '?', ';', ':', '...', '(', ')', '（', '）', '“', '”', '‘', '’', '《', '》', '「', '」',
  ' ', '\t', '\u3000', '\u200b', '\u200d', '\ufeff', 'e\u0301', '\u0301',
  '👍🏽', '👨‍👩‍👧', '👩🏿‍💻', '🇨🇳', '𠀀', '\ud83d', '\udc4d',
  'GDP', 'AI', 'https://example.com/a,b', 'news@example.com', '5G',
  '<!-- opinion-lint-disable-next-line -->', '<!-- opinion-lint-disable punctuation-width -->', '<!--', '-->', '# ', '●',
];
const PIECES = [...CHINESE, ...OTHER];
const EOLS = ['\n', '\r\n', '\r'];

const piece = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...CHINESE) }, { weight: 2, arbitrary: fc.constantFrom(...OTHER) });
const line = fc.array(piece, { maxLength: 14 }).map((parts) => parts.join(''));
const eol = fc.constantFrom(...EOLS);
/** A draft: lines of pieces joined by mixed line endings. */
const pieceDraft = fc.array(fc.tuple(line, eol), { maxLength: 12 }).map((lines) => lines.map(([l, e]) => l + e).join(''));
/** Arbitrary Unicode (astral planes included), and arbitrary UTF-16 (lone surrogates included). */
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'binary-ascii', maxLength: 80 }), fc.string({ unit: fc.constantFrom(...'中文评论稿，。,\n\r𠀀👍'), maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 60 }));
const draftText = fc.oneof({ weight: 3, arbitrary: pieceDraft }, { weight: 1, arbitrary: anyText }, { weight: 1, arbitrary: fc.tuple(pieceDraft, anyText, pieceDraft).map((p) => p.join('')) });

const severity = fc.constantFrom<RuleSetting['severity']>('off', 'error', 'warning', 'information', 'hint');
/** Valid option values for the rules that take options (types as the config validator enforces them). */
const OPTIONS: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  'slogan-repeat': fc.record({ minLimit: fc.integer({ min: 0, max: 5 }), limit: fc.integer({ min: 0, max: 4 }) }, { requiredKeys: [] }),
  'slogan-density': fc.record({ threshold: fc.double({ min: 0, max: 200, noNaN: true }), minChars: fc.integer({ min: 0, max: 500 }) }, { requiredKeys: [] }),
  'figure-unsourced': fc.record({ minCueCount: fc.integer({ min: 0, max: 50 }) }, { requiredKeys: [] }),
  'figure-conflict': fc.record({ checkPublished: fc.boolean() }, { requiredKeys: [] }),
};
const ruleSetting = (id: string) =>
  fc.record({ severity, ...(OPTIONS[id] ? { options: OPTIONS[id] } : {}) }, { requiredKeys: [] }) as fc.Arbitrary<Partial<RuleSetting>>;
const config: fc.Arbitrary<LintConfig> = fc
  .record({
    rules: fc.record(Object.fromEntries(RULES.map((r) => [r.id, ruleSetting(r.id)])), { requiredKeys: [] }),
    allowPhrases: fc.subarray([SLOGAN, '全面深化改革', '推动高质量发展', '城市更新']),
    byline: fc.option(
      fc.record({ marker: fc.constantFrom('●', '■', '', '本报记者'), position: fc.constantFrom('after-headline', 'end', 'none'), separator: fc.constantFrom(' ', '、', '，') }, { requiredKeys: [] }),
      { nil: undefined },
    ),
  })
  .map((c) => ({ ...defaultConfig(), ...c }) as LintConfig);
const markdown = fc.boolean();

function lintChecked(text: string, cfg: LintConfig, md: boolean) {
  const result = lintText(text, profile, cfg, { markdown: md });
  // A rule that throws is isolated, but on these inputs none may throw at all.
  expect(result.ruleFailures).toEqual([]);
  expect(rangeProblems(text, result.findings)).toEqual([]);
  return result;
}

/** Where `offset` of the old text lands after `edits` (non-overlapping) were applied. */
function mapOffset(offset: number, edits: readonly { start: number; end: number; newText: string }[], side: 'start' | 'end'): number {
  let shift = 0;
  for (const e of edits) {
    const before = side === 'start' ? e.end <= offset && !(e.start === e.end && e.start === offset) : e.end <= offset;
    if (before) shift += e.newText.length - (e.end - e.start);
  }
  return offset + shift;
}

describe('engine properties (fast-check)', () => {
  it('random drafts and configurations: never throws, every range sound', () => {
    fc.assert(
      fc.property(draftText, config, markdown, (text, cfg, md) => {
        lintChecked(text, cfg, md);
      }),
      { numRuns: RUNS },
    );
  });

  it('random edits: every version lints cleanly, and fixes computed on an older version never land on changed text', () => {
    const edit = fc.record({ at: fc.nat(), length: fc.nat({ max: 6 }), insert: fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'binary', maxLength: 4 })) });
    fc.assert(
      fc.property(pieceDraft, fc.array(edit, { minLength: 1, maxLength: 6 }), config, (initial, edits, cfg) => {
        let text = initial;
        let previous = lintChecked(text, cfg, false);
        for (const e of edits) {
          const start = text.length ? e.at % (text.length + 1) : 0;
          const end = Math.min(text.length, start + e.length);
          const next = text.slice(0, start) + e.insert + text.slice(end);
          // Fixes of the old version offered against the new text: what applies must still match.
          const outcome = applyFixes(next, previous.findings, text);
          for (const f of outcome.applied) {
            for (const x of f.fix!.edits) expect(next.slice(x.start, x.end)).toBe(text.slice(x.start, x.end));
          }
          expect(outcome.text).toBe(applyEdits(next, outcome.applied.flatMap((f) => f.fix!.edits)));
          text = next;
          previous = lintChecked(text, cfg, false);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('applying all fixes then re-linting never reports the same rule on the fixed text again', () => {
    fc.assert(
      fc.property(draftText, config, markdown, (text, cfg, md) => {
        const before = lintChecked(text, cfg, md);
        const outcome = applyFixes(text, before.findings);
        if (!outcome.applied.length) return;
        const taken = outcome.applied.flatMap((f) => f.fix!.edits).sort((a, b) => a.start - b.start);
        const after = lintChecked(outcome.text, cfg, md);
        const again = (f: Finding) => {
          const start = mapOffset(Math.min(f.start, ...f.fix!.edits.map((e) => e.start)), taken, 'start');
          const end = mapOffset(Math.max(f.end, ...f.fix!.edits.map((e) => e.end)), taken, 'end');
          return after.findings.filter((g) => g.ruleId === f.ruleId && g.start >= start && g.end <= end && g.fix && g.start < g.end);
        };
        for (const f of outcome.applied) expect({ fixed: f.ruleId, text: text.slice(f.start, f.end), reported: again(f).map((g) => outcome.text.slice(g.start, g.end)) }).toMatchObject({ reported: [] });
      }),
      { numRuns: RUNS },
    );
  });
});
