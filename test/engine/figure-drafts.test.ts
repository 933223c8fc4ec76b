// Recall and precision of the figure rules on the hand-labelled drafts of
// test/fixtures/figures/drafts.ts, linted as a user would (shipped default profile; the drafts that
// restate archive articles with a profile learned from test/fixtures/figures/archive). Prints the
// table, and fails below the bars issue #18 sets for drafts nobody here sees.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDraft } from '../../server/src/engine/parse/draft';
import { learnCorpusHere } from '../../server/src/workspace/learn';
import type { Profile } from '../../server/src/engine/profile/types';
import { figureConflict } from '../../server/src/engine/rules/figure-conflict';
import { figureFormat } from '../../server/src/engine/rules/figure-format';
import { figureUnsourced } from '../../server/src/engine/rules/figure-unsourced';
import type { Rule } from '../../server/src/engine/rules/rule';
import type { Span } from '../../server/src/engine/types';
import { LABELLED_DRAFTS, type FigureRuleId, type Label } from '../fixtures/figures/drafts';
import { PROJECT_ROOT } from '../helpers/corpus';

const RULES: Record<FigureRuleId, Rule<any>> = { 'figure-conflict': figureConflict, 'figure-unsourced': figureUnsourced, 'figure-format': figureFormat };
const BARS: Record<FigureRuleId, { recall: number; precision: number }> = {
  'figure-conflict': { recall: 0.8, precision: 0.9 },
  'figure-unsourced': { recall: 0.9, precision: 0.95 },
  'figure-format': { recall: 0.9, precision: 0.95 },
};
const context = { allowPhrases: new Set<string>() };

function locate(text: string, label: Label): Span {
  let at = -1;
  for (let k = 0; k <= (label.nth ?? 0); k++) {
    at = text.indexOf(label.at, at + 1);
    if (at < 0) throw new Error(`label “${label.at}” #${label.nth ?? 0} is not in the draft`);
  }
  return { start: at, end: at + label.at.length };
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

interface Tally {
  labels: number;
  found: number;
  findings: number;
  correct: number;
  misses: string[];
  falseAlarms: string[];
}

function evaluate(): Record<FigureRuleId, Tally> {
  const shipped = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'server/profiles/default.json'), 'utf8')) as Profile;
  const archive = learnCorpusHere([path.join(PROJECT_ROOT, 'test/fixtures/figures/archive')], { name: 'archive' }).profile;
  const empty = (): Tally => ({ labels: 0, found: 0, findings: 0, correct: 0, misses: [], falseAlarms: [] });
  const tallies: Record<FigureRuleId, Tally> = { 'figure-conflict': empty(), 'figure-unsourced': empty(), 'figure-format': empty() };
  for (const draft of LABELLED_DRAFTS) {
    const doc = parseDraft(draft.text);
    const profile = draft.archive ? archive : shipped;
    for (const [id, rule] of Object.entries(RULES) as [FigureRuleId, Rule<any>][]) {
      const tally = tallies[id];
      const labels = draft.labels.filter((l) => l.rule === id).map((l) => ({ label: l, span: locate(draft.text, l) }));
      const findings = rule.check(doc, profile, rule.defaultOptions, context);
      tally.labels += labels.length;
      tally.findings += findings.length;
      for (const { label, span } of labels) {
        if (findings.some((f) => overlaps(f, span))) tally.found++;
        else tally.misses.push(`${draft.name}：${label.at}`);
      }
      for (const f of findings) {
        if (labels.some((l) => overlaps(f, l.span))) tally.correct++;
        else tally.falseAlarms.push(`${draft.name}：${draft.text.slice(f.start, f.end)}（${f.message}）`);
      }
    }
  }
  return tallies;
}

describe('figure rules on the labelled drafts', () => {
  const tallies = evaluate();
  const table = (Object.entries(tallies) as [FigureRuleId, Tally][]).map(([id, t]) => ({
    rule: id,
    labels: t.labels,
    findings: t.findings,
    recall: t.labels ? t.found / t.labels : 1,
    precision: t.findings ? t.correct / t.findings : 1,
  }));
  console.log(
    ['rule               labels findings recall precision', ...table.map((r) => `${r.rule.padEnd(18)} ${String(r.labels).padStart(6)} ${String(r.findings).padStart(8)} ${r.recall.toFixed(3).padStart(6)} ${r.precision.toFixed(3).padStart(9)}`)].join('\n'),
  );

  for (const [id, t] of Object.entries(tallies)) {
    for (const m of t.misses) console.log(`${id} missed ${m}`);
    for (const f of t.falseAlarms) console.log(`${id} false alarm ${f}`);
  }

  for (const row of table) {
    it(`${row.rule}: recall ≥ ${BARS[row.rule].recall} and precision ≥ ${BARS[row.rule].precision}`, () => {
      const t = tallies[row.rule];
      expect(t.labels).toBeGreaterThan(0);
      expect({ recall: row.recall, misses: t.misses }).toEqual({ recall: expect.toSatisfy((r: number) => r >= BARS[row.rule].recall), misses: expect.any(Array) });
      expect({ precision: row.precision, falseAlarms: t.falseAlarms }).toEqual({ precision: expect.toSatisfy((p: number) => p >= BARS[row.rule].precision), falseAlarms: expect.any(Array) });
    });
  }
});
