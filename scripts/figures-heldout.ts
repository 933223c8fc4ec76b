// Held-out check of the figure rules on published text: learns a profile from two thirds of
// people-daily (files whose index in reference order is not a multiple of 3), lints the other third
// as drafts with it, and prints findings per article for each figure rule; then lints the whole
// corpus with the shipped profiles. Published articles are correct text: every figure-conflict or
// figure-format finding there is a false alarm (or a real slip of the paper, listed for a look).
// Usage: npx tsx scripts/figures-heldout.ts [--list] [<corpus dir>]

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultConfig } from '../server/src/engine/config/types';
import { lintText } from '../server/src/engine/lint';
import { collectCorpusFiles } from '../server/src/workspace/corpus';
import { learnFiles } from '../server/src/workspace/learn';
import { loadProfile } from '../server/src/workspace/profiles';
import type { Profile } from '../server/src/engine/profile/types';
import { RULES } from '../server/src/engine/rules';
import type { Finding } from '../server/src/engine/types';

const args = process.argv.slice(2);
const list = args.includes('--list');
const root = path.resolve(__dirname, '..');
const corpusDir = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(root, '../shared/corpus'));
const FIGURE_RULES = RULES.filter((r) => r.id.startsWith('figure-'));
const config = defaultConfig();

function lintFiles(label: string, files: { absolute: string; ref: string }[], profile: Profile, show: readonly string[]) {
  const counts = new Map<string, number>(FIGURE_RULES.map((r) => [r.id, 0]));
  const shown: string[] = [];
  for (const f of files) {
    const text = readFileSync(f.absolute, 'utf8');
    const { findings } = lintText(text, profile, config, { markdown: f.absolute.endsWith('.md') }, FIGURE_RULES);
    for (const x of findings) {
      counts.set(x.ruleId, (counts.get(x.ruleId) ?? 0) + 1);
      if (show.includes(x.ruleId)) shown.push(describe(f.ref, text, x));
    }
  }
  console.log(`\n${label}: ${files.length} files`);
  for (const [id, n] of counts) console.log(`  ${id.padEnd(18)} ${String(n).padStart(5)}  ${(n / files.length).toFixed(3)} per article`);
  if (list) for (const s of shown) console.log(s);
}

function describe(ref: string, text: string, x: Finding): string {
  const context = text.slice(Math.max(0, x.start - 30), Math.min(text.length, x.end + 20)).replace(/\s+/g, ' ');
  return `    ${x.ruleId} ${ref}@${x.start} [${text.slice(x.start, x.end)}] …${context}… ${x.message}`;
}

const { files } = collectCorpusFiles([path.join(corpusDir, 'people-daily')]);
const learnFrom = files.filter((_, i) => i % 3 !== 0);
const heldOut = files.filter((_, i) => i % 3 === 0);
const learned = learnFiles(learnFrom, [], { name: 'people-daily-two-thirds' }).finish().profile;
console.log(`profile learned from ${learnFrom.length} files: ${learned.house.figures.length} published figures, ${JSON.stringify(learned).length} bytes as JSON`);
lintFiles('held-out people-daily (every third file)', heldOut, learned, ['figure-conflict', 'figure-format']);

const seedFiles = collectCorpusFiles([path.join(corpusDir, 'seed')]).files;
lintFiles('whole people-daily, shipped people-daily profile', files, loadProfile('people-daily').profile, ['figure-conflict', 'figure-format']);
lintFiles('whole people-daily, shipped default profile', files, loadProfile('default').profile, ['figure-conflict', 'figure-format']);
lintFiles('seed, shipped default profile', seedFiles, loadProfile('default').profile, ['figure-conflict', 'figure-format']);
