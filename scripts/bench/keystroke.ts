// Keystroke cost in the engine, as the server pays it: each one-character edit makes a new version
// that is parsed (segmenting only clauses the segmenter's cache has not seen) and linted.
// Compared with nodejieba's `tag` of the whole draft, uncached (with the native addon only: the
// portable segmenter has no `tag`). The bench runs it in its own process for the native addon and
// in keystroke-probe.ts's, started with OPINION_LINT_SEGMENTER=portable, for the portable one.

import path from 'node:path';
import * as nodejieba from 'nodejieba';
import type { Profile } from '../../server/src/engine/profile/types';
import { applyEdit, type Edit } from './draft';
import { median, quantile } from './stats';

export interface KeystrokeResult {
  keystroke_ms_p50: number;
  keystroke_ms_p95: number;
  /** The same in CPU time of this thread (GC included, other processes' preemption excluded). */
  keystroke_cpu_ms_p50: number;
  keystroke_cpu_ms_p95: number;
  /** Parse (segmentation included) and rules separately, medians. */
  parse_ms_p50: number;
  rules_ms_p50: number;
  /** First lint of the draft, clause cache cold (dictionary already loaded). */
  cold_lint_ms: number;
  tag_ms_p50?: number;
  cut_ms_p50?: number;
  findings: number;
  profile: string;
  /** The segmenter the engine ran on: 'native' or 'portable'. */
  segmenter: string;
  /** Median ms per rule on the final version, slowest first. */
  rule_ms: Record<string, number>;
}

export async function measureKeystrokes(draft: string, edits: readonly Edit[], options: { tagBaseline: boolean }): Promise<KeystrokeResult & Record<string, unknown>> {
  const { parseDraft } = await import('../../server/src/engine/parse/draft');
  const { lintDraft } = await import('../../server/src/engine/lint');
  const { RULES } = await import('../../server/src/engine/rules');
  const { defaultConfig } = await import('../../server/src/engine/config/types');
  const { ensureSegmenterLoaded } = await import('../../server/src/engine/text/segmenter');
  const { applyConfigToProfile } = await import('../../server/src/engine/config/load');
  const { jieba } = await import('../../server/src/engine/text/jieba');
  const config = defaultConfig();
  const loaded = await loadDefaultProfile();
  const profile = applyConfigToProfile(loaded.profile, config);
  const profileName = loaded.profileName;
  ensureSegmenterLoaded();

  const lint = (text: string) => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const doc = parseDraft(text);
    const t1 = performance.now();
    const result = lintDraft(doc, profile, config);
    const t2 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    if (result.ruleFailures.length) throw new Error(`rule failed: ${result.ruleFailures.map((f) => `${f.ruleId}: ${f.error}`).join('; ')}`);
    return { parseMs: t1 - t0, rulesMs: t2 - t1, totalMs: t2 - t0, cpuMs: (cpu.user + cpu.system) / 1000, findings: result.findings.length, doc };
  };

  const cold = lint(draft);
  let text = draft;
  // Warm-up: JIT and the clause cache, as a server that has been running a while.
  for (let i = 0; i < 5; i++) lint(draft);
  const totals: number[] = [];
  const parses: number[] = [];
  const rules: number[] = [];
  const cpus: number[] = [];
  let last = cold;
  for (const edit of edits) {
    text = applyEdit(text, edit);
    last = lint(text);
    totals.push(last.totalMs);
    parses.push(last.parseMs);
    rules.push(last.rulesMs);
    cpus.push(last.cpuMs);
  }

  // Per rule on the final version, each alone, to find which rule costs what.
  const ruleMs: Record<string, number> = {};
  for (const rule of RULES) {
    const xs: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      lintDraft(last.doc, profile, config, [rule]);
      xs.push(performance.now() - t);
    }
    ruleMs[rule.id] = round(median(xs), 3);
  }

  const tags: number[] = [];
  const cuts: number[] = [];
  for (let i = 0; i < (options.tagBaseline ? 30 : 0); i++) {
    let t = performance.now();
    nodejieba.tag(text);
    tags.push(performance.now() - t);
    t = performance.now();
    nodejieba.cut(text);
    cuts.push(performance.now() - t);
  }

  return {
    keystroke_ms_p50: median(totals),
    keystroke_ms_p95: quantile(totals, 0.95),
    keystroke_cpu_ms_p50: median(cpus),
    keystroke_cpu_ms_p95: quantile(cpus, 0.95),
    parse_ms_p50: median(parses),
    rules_ms_p50: median(rules),
    cold_lint_ms: cold.totalMs,
    ...(options.tagBaseline ? { tag_ms_p50: median(tags), cut_ms_p50: median(cuts) } : {}),
    findings: last.findings,
    profile: profileName,
    segmenter: jieba().kind,
    rule_ms: Object.fromEntries(Object.entries(ruleMs).sort((a, b) => b[1] - a[1])),
  };
}

/** The built-in default profile, as the server uses it; an empty profile until one is shipped. */
async function loadDefaultProfile(): Promise<{ profile: Profile; profileName: string }> {
  const { emptyProfile } = await import('../../server/src/engine/profile/empty');
  try {
    const { loadProfile } = await import('../../server/src/workspace/profiles');
    // loadProfile returns { profile, path, error? }; tolerate a bare Profile as well.
    const loaded = loadProfile('default') as unknown as Profile | { profile: Profile; path: string; error?: string };
    if ('format' in loaded) return { profile: loaded, profileName: 'default' };
    if (loaded.error) return { profile: loaded.profile, profileName: `${loaded.profile.name} (${loaded.error})` };
    return { profile: loaded.profile, profileName: path.basename(loaded.path) || loaded.profile.name };
  } catch (err) {
    return { profile: emptyProfile('empty'), profileName: `empty (default profile not loadable: ${err instanceof Error ? err.message.split('\n')[0] : err})` };
  }
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
