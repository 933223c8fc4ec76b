// `npm run package`: the production bundles, then
//   opinion-lint-<version>.vsix            universal (no target platform): installs on every OS and
//                                          segments with the portable build (server/wasm/); no .node inside;
//   opinion-lint-<target>-<version>.vsix   this machine's platform (`vsce package --target`), with the
//                                          native addon npm ci built here, and the portable build as its fallback.
// The second is left out, with a note, when this machine has no working native addon.
//
//   node scripts/package.mjs [--out DIR] [--universal | --native] [--no-build]
//   (--no-build packages the bundles as they are, for the package test after `npm run build`)
//
// .vscodeignore lists the universal package's files; the native one adds the addon (a list written
// to .cache/package/ and passed as --ignoreFile). CI builds the other platforms' native packages on
// their own runners: .github/workflows/native-vsix.yml.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outDir = path.resolve(args.includes('--out') ? args[args.indexOf('--out') + 1] : root);
const wanted = { universal: !args.includes('--native'), native: !args.includes('--universal') };
const { name, version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const ADDON = 'node_modules/nodejieba/build/Release/nodejieba.node';

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) fail(`${path.basename(commandArgs[0] ?? command)} exited with ${result.status ?? result.signal}`);
}

/** VS Code's name for this machine's platform: win32-x64, darwin-arm64, linux-x64, alpine-x64… */
function thisTarget() {
  const musl = process.platform === 'linux' && !process.report.getReport().header.glibcVersionRuntime;
  return `${musl ? 'alpine' : process.platform}-${process.arch}`;
}

/** Why this machine's native addon cannot go into a package, or undefined when it can. */
function nativeAddonProblem() {
  if (!existsSync(path.join(root, ADDON))) return `${ADDON} is missing (npm ci could not build it)`;
  const patch = readdirSync(path.join(root, 'patches')).find((f) => f.startsWith('nodejieba+'));
  const stamp = path.join(root, 'node_modules/nodejieba/build/Release/opinion-lint-patch.sha256');
  const patchHash = createHash('sha256').update(readFileSync(path.join(root, 'patches', patch))).digest('hex');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8').trim() !== patchHash) return `${ADDON} was not built from patches/${patch}: run \`node scripts/rebuild-nodejieba.mjs\``;
  const load = spawnSync(process.execPath, ['-e', "require('nodejieba').tagNames()"], { cwd: root, encoding: 'utf8' });
  if (load.status !== 0) return `${ADDON} does not load: ${load.stderr.split('\n').find(Boolean)}`;
  return undefined;
}

const vsce = path.join(root, 'node_modules/@vscode/vsce/vsce');
mkdirSync(outDir, { recursive: true });
if (!args.includes('--no-build')) run(process.execPath, [path.join(root, 'scripts/build.mjs'), '--production']);

if (wanted.universal) {
  const vsix = path.join(outDir, `${name}-${version}.vsix`);
  run(process.execPath, [vsce, 'package', '--out', vsix]);
}

if (wanted.native) {
  const target = thisTarget();
  const problem = nativeAddonProblem();
  if (problem) {
    if (!wanted.universal) fail(problem);
    console.warn(`package: no ${target} package: ${problem}. The universal package works here too.`);
  } else {
    const ignoreFile = path.join(root, '.cache/package/vscodeignore-native');
    mkdirSync(path.dirname(ignoreFile), { recursive: true });
    writeFileSync(ignoreFile, `${readFileSync(path.join(root, '.vscodeignore'), 'utf8').trimEnd()}\n# The native addon, built by npm ci for this platform.\n!${ADDON}\n`);
    const vsix = path.join(outDir, `${name}-${target}-${version}.vsix`);
    run(process.execPath, [vsce, 'package', '--target', target, '--ignoreFile', ignoreFile, '--out', vsix]);
  }
}
