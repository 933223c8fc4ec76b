// Held-out check on published text: for each chosen fold, learns a profile from the people-daily
// files whose index in reference order is not ≡ fold (mod K), lints the held-out files as drafts
// with it, and prints findings per article for each chosen rule. Published articles are the
// house's own standard, so every finding there is a false alarm (or a real slip of the paper).
// Usage: npx tsx scripts/heldout.ts [--rules a,b] [--folds K] [--fold 0,1,2] [--list] [<corpus dir>]

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultConfig } from '../server/src/engine/config/types';
import { lintText } from '../server/src/engine/lint';
import { RULES } from '../server/src/engine/rules';
import type { Finding } from '../server/src/engine/types';
import { collectCorpusFiles } from '../server/src/workspace/corpus';
import { learnFiles } from '../server/src/workspace/learn';

const args = process.argv.slice(2);
function option(name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}
const list = args.includes('--list');
const folds = Number(option('--folds') ?? 5);
const chosenFolds = (option('--fold') ?? '0,1,2').split(',').map(Number);
const ruleIds = (option('--rules') ?? 'slogan-repeat,slogan-cliche,formulation-variant,figure-conflict,figure-format,figure-unsourced').split(',');
const rules = RULES.filter((r) => ruleIds.includes(r.id));
const valued = new Set(['--rules', '--folds', '--fold']);
const positional = args.filter((a, i) => !a.startsWith('--') && !valued.has(args[i - 1]));
const corpusDir = path.resolve(positional[0] ?? path.join(__dirname, '../../shared/corpus'));
const config = defaultConfig();

function describe(ref: string, text: string, x: Finding): string {
  const context = text.slice(Math.max(0, x.start - 30), Math.min(text.length, x.end + 20)).replace(/\s+/g, ' ');
  return `    ${x.ruleId} ${ref}@${x.start} [${text.slice(x.start, x.end)}] …${context}… ${x.message}`;
}

const { files } = collectCorpusFiles([path.join(corpusDir, 'people-daily')]);
const totals = new Map<string, number>(rules.map((r) => [r.id, 0]));
let articles = 0;
for (const fold of chosenFolds) {
  const learnFrom = files.filter((_, i) => i % folds !== fold);
  const heldOut = files.filter((_, i) => i % folds === fold);
  const profile = learnFiles(learnFrom, [], { name: `people-daily-fold-${fold}` }).finish().profile;
  const counts = new Map<string, number>(rules.map((r) => [r.id, 0]));
  const shown: string[] = [];
  for (const f of heldOut) {
    const text = readFileSync(f.absolute, 'utf8');
    for (const x of lintText(text, profile, config, { markdown: f.absolute.endsWith('.md') }, rules).findings) {
      counts.set(x.ruleId, (counts.get(x.ruleId) ?? 0) + 1);
      if (list) shown.push(describe(f.ref, text, x));
    }
  }
  articles += heldOut.length;
  console.log(`fold ${fold}/${folds}: learned from ${learnFrom.length}, held out ${heldOut.length}`);
  for (const [id, n] of counts) {
    totals.set(id, (totals.get(id) ?? 0) + n);
    console.log(`  ${id.padEnd(20)} ${String(n).padStart(5)}  ${(n / heldOut.length).toFixed(3)} per article`);
  }
  for (const s of shown) console.log(s);
}
console.log(`all chosen folds: ${articles} held-out articles`);
for (const [id, n] of totals) console.log(`  ${id.padEnd(20)} ${String(n).padStart(5)}  ${(n / articles).toFixed(3)} per article`);
