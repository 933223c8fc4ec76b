// formulation-variant measured as issue #15 asks: recall and precision on the team's own drafts with
// planted slips (test/fixtures/formulation-drafts, written for this test: nothing copied from the
// corpus), and findings per published article — held out from learning (one in five), and over the
// whole corpus with the profile learned from it. The figures are printed; the assertions guard
// against a regression from what the method reaches today.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../server/src/engine/config/types';
import { lintText } from '../../server/src/engine/lint';
import { learnTexts } from '../../server/src/engine/profile/learn';
import { loadProfile } from '../../server/src/workspace/profiles';
import type { Profile } from '../../server/src/engine/profile/types';
import { hasCorpus, peopleDailyTexts, PROJECT_ROOT } from '../helpers/corpus';

const DRAFTS = path.join(PROJECT_ROOT, 'test/fixtures/formulation-drafts');

function variantFindings(text: string, profile: Profile) {
  return lintText(text, profile, defaultConfig()).findings.filter((f) => f.ruleId === 'formulation-variant');
}

describe.runIf(hasCorpus)('formulation-variant on drafts with planted slips (corpus)', () => {
  it('finds the planted slips of every kind and flags nothing else', () => {
    const planted = readFileSync(path.join(DRAFTS, 'PLANTED.tsv'), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split('\t'));
    const { profile } = loadProfile('default', PROJECT_ROOT);
    const found = new Set<string[]>();
    const wrong: string[] = [];
    for (const file of readdirSync(DRAFTS).filter((f) => f.endsWith('.txt'))) {
      const text = readFileSync(path.join(DRAFTS, file), 'utf8');
      for (const f of variantFindings(text, profile)) {
        // A finding hits a planted slip when it overlaps where the draft writes it.
        const hit = planted.find(([pf, variant]) => {
          const at = pf === file ? text.indexOf(variant) : -1;
          return at >= 0 && at < f.end && f.start < at + variant.length;
        });
        if (hit) found.add(hit);
        else wrong.push(`${file}: ${text.slice(f.start, f.end)}`);
      }
    }
    const missed = planted.filter((p) => !found.has(p));
    const recall = found.size / planted.length;
    const precision = found.size / (found.size + wrong.length);
    const byKind = new Map<string, [number, number]>();
    for (const p of planted) {
      const k = byKind.get(p[3]) ?? [0, 0];
      byKind.set(p[3], [k[0] + (found.has(p) ? 1 : 0), k[1] + 1]);
    }
    console.log(
      `formulation-variant on planted drafts: recall ${found.size}/${planted.length} = ${recall.toFixed(2)}, precision ${found.size}/${found.size + wrong.length} = ${precision.toFixed(2)}, F1 ${((2 * recall * precision) / (recall + precision)).toFixed(2)}; ` +
        `by kind ${[...byKind].map(([k, [a, b]]) => `${k} ${a}/${b}`).join('，')}; missed ${missed.map((p) => p[1]).join('、') || 'none'}; other findings ${wrong.join('; ') || 'none'}`,
    );
    expect(recall).toBeGreaterThanOrEqual(0.7);
    expect(precision).toBeGreaterThanOrEqual(0.9);
  });
});

describe.runIf(hasCorpus)('formulation-variant on published articles (corpus)', () => {
  it('leaves articles held out from learning nearly alone', () => {
    const { profile } = learnTexts(peopleDailyTexts((i) => i % 5 !== 0), { name: 'held-out' });
    const heldOut = peopleDailyTexts((i) => i % 5 === 0);
    const flagged: string[] = [];
    for (const a of heldOut) for (const f of variantFindings(a.text, profile)) flagged.push(`${a.ref.split('/')[1]}: ${a.text.slice(f.start, f.end)}`);
    console.log(`formulation-variant on ${heldOut.length} held-out articles (${profile.register.formulations.length} formulations learned from the rest): ${flagged.length} findings, ${(flagged.length / heldOut.length).toFixed(3)} per article (${flagged.join('; ') || 'none'})`);
    expect(flagged.length / heldOut.length).toBeLessThanOrEqual(0.02);
  });

  it('flags in the archive itself only the variants it wrote once', () => {
    const { profile } = loadProfile('people-daily', PROJECT_ROOT);
    const articles = peopleDailyTexts(() => true);
    let findings = 0;
    for (const a of articles) {
      for (const f of variantFindings(a.text, profile)) {
        findings++;
        // Published text is the archive: whatever it flags there, the archive wrote in one article only.
        expect(f.evidence).toMatchObject({ kind: 'formulation', variantArticles: 1 });
      }
    }
    console.log(`formulation-variant over the ${articles.length} articles it was learned from: ${findings} findings, ${(findings / articles.length).toFixed(3)} per article`);
  });
});
