// Regenerates the shipped profiles (server/profiles/*.json) from ../shared/corpus.
// Usage: npm run learn:profiles [-- <corpus dir>]
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { buildShippedProfiles } from '../server/src/workspace/shipped-profiles';
import { serializeProfile } from '../server/src/engine/profile/serialize';
import type { Profile } from '../server/src/engine/profile/types';

const root = path.resolve(__dirname, '..');
const corpusDir = path.resolve(process.argv[2] ?? process.env.OPINION_LINT_CORPUS ?? path.join(root, '../shared/corpus'));
const outDir = path.join(root, 'server/profiles');
mkdirSync(outDir, { recursive: true });

const profiles = buildShippedProfiles(corpusDir, (p) => {
  if (process.stderr.isTTY) process.stderr.write(`\r学习中：${p.filesDone}/${p.filesTotal} 个文件，${p.articles} 篇文章   `);
});
if (process.stderr.isTTY) process.stderr.write('\n');
for (const [name, profile] of Object.entries(profiles) as [string, Profile][]) {
  const file = path.join(outDir, `${name}.json`);
  const text = serializeProfile(profile);
  writeFileSync(file, text);
  const s = profile.register.sources.map((x) => `${x.name} ${x.articles} 篇`).join('，');
  console.log(`${path.relative(root, file)}：${(text.length / 1024).toFixed(0)} KB，口号表 ${profile.register.phrases.length} 条，语料 ${s}`);
}
