// Builds the portable segmenter: server/wasm/binding.cpp with the patched cppjieba from
// node_modules/nodejieba (as `npm ci` leaves it, patches/nodejieba+*.patch applied) compiled to
// WebAssembly by Debian's emscripten package, into server/wasm/jieba.wasm and its runtime jieba.js.
// Both are committed: the extension and the CLI need no compiler to run anywhere.
//
//   node scripts/build-wasm.mjs          rebuild server/wasm/jieba.{js,wasm} (after changing the patch or the binding)
//   node scripts/build-wasm.mjs --check  rebuild in a temporary folder; fail unless it matches the committed files byte for byte
//
// The output depends only on the sources, these flags and the compiler: its versions are pinned
// (emscripten, clang and binaryen as Debian 12 ships them, which `npm test`'s setup installs) and
// source paths are mapped to relative ones, so any machine and any checkout folder builds the same bytes.

import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TOOLCHAIN = { emscripten: '3.1.6', clang: '14.0.6', binaryen: '108' };
const OUTPUTS = ['jieba.js', 'jieba.wasm'];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nodejieba = path.join(root, 'node_modules', 'nodejieba');
const binding = path.join(root, 'server', 'wasm', 'binding.cpp');
const outDir = path.join(root, 'server', 'wasm');
const check = process.argv.includes('--check');

function fail(message) {
  console.error(`build-wasm: ${message}`);
  process.exit(1);
}

if (!existsSync(path.join(nodejieba, 'lib', 'packed_tagger.h'))) {
  fail(`${path.relative(root, nodejieba)} is not patched (lib/packed_tagger.h is missing): run \`npm ci\` first`);
}
// The compiler's three parts, as Debian 12 ships them: another version of any compiles other bytes.
const version = spawnSync('em++', ['-v'], { encoding: 'utf8' });
if (version.error) fail('em++ not found: install Debian\'s emscripten package (`apt-get install emscripten`; `npm test` does it)');
const wasmOpt = spawnSync('wasm-opt', ['--version'], { encoding: 'utf8' });
const toolchain = {
  emscripten: /emcc .*?(\d+\.\d+\.\d+)/.exec(version.stderr + version.stdout)?.[1],
  clang: /clang version (\d+\.\d+\.\d+)/.exec(version.stderr + version.stdout)?.[1],
  binaryen: /version (\d+)/.exec(wasmOpt.stdout ?? '')?.[1],
};
for (const [tool, wanted] of Object.entries(TOOLCHAIN)) {
  if (toolchain[tool] !== wanted) fail(`${tool} is ${toolchain[tool] ?? 'missing'}, the committed build is ${tool} ${wanted}'s (another version compiles other bytes)`);
}

const flags = [
  '-O3',
  '-std=c++14',
  '-DNDEBUG',
  '-DLOGGING_LEVEL=LL_WARNING',
  // __FILE__ (in jieba's log lines) without the checkout's absolute path.
  `-ffile-prefix-map=${nodejieba}=nodejieba`,
  `-ffile-prefix-map=${root}=.`,
  `-I${path.join(nodejieba, 'lib')}`,
  `-I${path.join(nodejieba, 'submodules', 'cppjieba', 'include')}`,
  `-I${path.join(nodejieba, 'submodules', 'cppjieba', 'deps', 'limonp', 'include')}`,
  // A CommonJS factory for Node, instantiated synchronously (the segmenter's load is synchronous).
  '-sMODULARIZE=1',
  '-sEXPORT_NAME=createJieba',
  '-sENVIRONMENT=node',
  '-sWASM_ASYNC_COMPILATION=0',
  // The dictionary takes about 150 MB of the module's memory.
  '-sALLOW_MEMORY_GROWTH=1',
  // The dictionaries are handed over through the in-memory file system (FS.writeFile).
  '-sFORCE_FILESYSTEM=1',
  '-sEXPORTED_RUNTIME_METHODS=FS',
  '-sEXPORTED_FUNCTIONS=_malloc,_free',
  // A library must not take over the host's uncaught exceptions and rejections.
  '-sNODEJS_CATCH_EXIT=0',
  '-sNODEJS_CATCH_REJECTION=0',
];

const work = mkdtempSync(path.join(os.tmpdir(), 'opinion-lint-wasm-'));
try {
  const env = {
    ...process.env,
    // Debian's emscripten runs its JavaScript tools with acorn from Debian's node-acorn package,
    // which a Node installed from elsewhere does not look for.
    NODE_PATH: ['/usr/share/nodejs', process.env.NODE_PATH].filter(Boolean).join(path.delimiter),
  };
  const result = spawnSync('em++', [...flags, binding, '-o', path.join(work, 'jieba.js')], { cwd: work, env, stdio: 'inherit' });
  if (result.status !== 0) fail(`em++ exited with ${result.status ?? result.signal}`);
  if (check) {
    const differing = OUTPUTS.filter((name) => {
      const committed = path.join(outDir, name);
      return !existsSync(committed) || !readFileSync(committed).equals(readFileSync(path.join(work, name)));
    });
    if (differing.length) {
      fail(`server/wasm/${differing.join(', server/wasm/')} differ from what the sources build: run \`node scripts/build-wasm.mjs\` and commit the result`);
    }
    console.log(`build-wasm: server/wasm/${OUTPUTS.join(', server/wasm/')} match the sources (emscripten ${TOOLCHAIN.emscripten})`);
  } else {
    for (const name of OUTPUTS) {
      copyFileSync(path.join(work, name), path.join(outDir, name));
      chmodSync(path.join(outDir, name), 0o644);
    }
    console.log(`build-wasm: wrote server/wasm/${OUTPUTS.join(', server/wasm/')} (emscripten ${TOOLCHAIN.emscripten})`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
