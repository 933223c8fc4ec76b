// Rebuilds nodejieba's native addon after `patch-package` applied patches/nodejieba+*.patch.
//
// Why: nodejieba's C++ does more than Opinion Lint needs, and slower than it can. The patch:
// - builds TextRank's keyword extractor (a second full copy of the dictionary, never called by the
//   engine) on first use instead of in `load`: about 115 MB and a third of the load time saved;
// - adds `loadShared`: one dictionary per process, shared read-only by worker threads (the CLI's
//   lint and learn workers no longer load one each), and `loadSharedAsync`, which builds it on a
//   thread of libuv's pool while learning reads and parses the first files;
// - adds `tagPacked`: what `tag` says, as (UTF-16 length, tag id, word id) triples in one
//   Int32Array instead of an object and two strings per word, and `tagPackedAsync`, the same on a
//   thread of libuv's pool (learning segments the next file while it counts the last). It takes
//   each word's dictionary entry from the cut itself (no second trie walk per word) and keeps word
//   ids in a flat table by entry: about a fifth faster than looking each word up again;
// - keeps cppjieba's trie children in flat open-addressing tables instead of std::unordered_map,
//   which made segmentation about twice as fast; reads HMM's emission probabilities for Han
//   characters from a dense table instead of four hash lookups per character, and reuses the cut's
//   working buffers range after range (together about a quarter faster again);
// - then about 1.8 times faster again, where the time was cache misses: a child lives in its
//   parent's slot with its unit's weight (one memory access per step, and scoring never reads the
//   unit array); the prefixes starting at up to 16 characters are walked side by side, so their
//   misses overlap; a Bloom filter of the dictionary's prefixes ends most walks without touching the
//   trie (it never says no wrongly); the tables live in 2 MB blocks with a huge-page hint; the best
//   path is scored from the walks without a 320-byte Dag per character; the separators are a bitmap.
//   Segmentation is unchanged: the test compares it with a recording of stock nodejieba
//   (test/fixtures/segmentation);
// - loads the dictionary in about half the time (the file parsed in place, no copies of the whole
//   entry list to sort weights, shrink it or build the trie);
// - keeps the main dictionary file's own counts beside the entries (`referenceFrequency`,
//   `referenceTotals`, and `phraseReferenceFrequencies` for many phrases in one call): learning
//   compares a corpus with them and no longer indexes the file again.
// - moves what tagPacked, tagNames and the reference counts compute into lib/packed_tagger.h, free
//   of Node-API, which the portable segmenter's WebAssembly build (scripts/build-wasm.mjs) shares.
// nodejieba's own install script (a download of stock binaries, else a build) does not run: package.json's
// allowScripts turns it off, and this script builds the patched sources instead.
//
// Without a C++ toolchain (or node-gyp's other needs) the build fails: the install goes on, and
// Opinion Lint segments with the portable build (server/wasm/), saying so once when it starts.
// OPINION_LINT_REQUIRE_NATIVE=1 makes that failure fail the install instead.
//
// A stamp next to the binary records which patch it was built from, so a second run is a no-op.

import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const moduleDir = path.join(root, 'node_modules', 'nodejieba');
const binary = path.join(moduleDir, 'build', 'Release', 'nodejieba.node');
const stamp = path.join(moduleDir, 'build', 'Release', 'opinion-lint-patch.sha256');

const patchFile = readdirSync(path.join(root, 'patches')).find((name) => name.startsWith('nodejieba+'));
if (!patchFile) fail('patches/ holds no nodejieba patch');
const patchHash = createHash('sha256').update(readFileSync(path.join(root, 'patches', patchFile))).digest('hex');

if (existsSync(binary) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === patchHash) {
  console.log(`nodejieba: already built from ${patchFile}`);
  process.exit(0);
}

// A binary of another patch (or of none) must not be mistaken for this one if the build fails.
rmSync(stamp, { force: true });
const result = spawnSync(process.execPath, [nodeGyp(), 'rebuild', ...nodeDir()], { cwd: moduleDir, stdio: 'inherit' });
if (result.status !== 0) noNative(`node-gyp rebuild exited with ${result.status ?? result.signal}`);
const check = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(moduleDir)}).tagNames()`], { stdio: 'inherit' });
if (check.status !== 0) noNative('the rebuilt addon does not load');
writeFileSync(stamp, patchHash + '\n');
console.log(`nodejieba: rebuilt from ${patchFile}`);

/** The native build failed: the portable segmenter will run (or, when required, the install fails). */
function noNative(reason) {
  if (process.env.OPINION_LINT_REQUIRE_NATIVE === '1') fail(reason);
  // A half-built or stale binary must not load in place of the patched one.
  rmSync(path.join(moduleDir, 'build'), { recursive: true, force: true });
  console.warn(
    `rebuild-nodejieba: ${reason}; no native segmenter was built. Opinion Lint will use its portable ` +
      'segmenter (WebAssembly, server/wasm/): the same results, somewhat slower. To build the native one, ' +
      'install a C++ toolchain, make and Python (see node-gyp) and run `node scripts/rebuild-nodejieba.mjs`.',
  );
  process.exit(0);
}

/**
 * Node's headers: npm passes its `nodedir` setting to scripts; run on its own, this script uses the
 * headers of the Node running it when they are installed beside it (Linux packages put them in
 * <prefix>/include/node), rather than node-gyp downloading them.
 */
function nodeDir() {
  if (process.env.npm_config_nodedir) return [];
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  return existsSync(path.join(prefix, 'include', 'node', 'node_api.h')) ? [`--nodedir=${prefix}`] : [];
}

/** npm hands scripts its bundled node-gyp; outside npm, find the one next to the running npm. */
function nodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    process.env.npm_execpath && path.join(path.dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  const found = candidates.find((c) => c && existsSync(c));
  if (!found) noNative('node-gyp not found (looked for npm_config_node_gyp and npm\'s bundled copy)');
  return found;
}

function fail(message) {
  console.error(`rebuild-nodejieba: ${message}`);
  process.exit(1);
}
