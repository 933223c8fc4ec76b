// Packages the extension as `npm run package` does (scripts/package.mjs, from the bundles `npm test`
// built first) and checks what each .vsix holds: the universal one (no target platform, the portable
// segmenter, no .node) and this platform's (the native addon too). The bundles, the default profile,
// nodejieba's dictionaries in; sources, tests, tooling and other node_modules out. Each runs its
// language server on its own, unpacked away from the project.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspSession } from '../server/lspSession';

const root = path.resolve(__dirname, '../..');

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

/** Entries of a zip file, read from its central directory. */
function zipEntries(zip: Buffer): ZipEntry[] {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file: no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('corrupt central directory');
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      localHeaderOffset: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function readEntry(zip: Buffer, entry: ZipEntry): Buffer {
  const local = entry.localHeaderOffset;
  const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  const data = zip.subarray(dataStart, dataStart + entry.compressedSize);
  return entry.method === 8 ? inflateRawSync(data) : Buffer.from(data);
}

const TARGET = `${process.platform}-${process.arch}`;
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const PACKAGES = [
  { kind: 'universal', file: `opinion-lint-${version}.vsix`, target: undefined },
  { kind: 'native', file: `opinion-lint-${TARGET}-${version}.vsix`, target: TARGET },
] as const;

let outDir: string;

beforeAll(() => {
  for (const bundle of ['server/out/server.js', 'client/out/extension.js']) {
    if (!existsSync(path.join(root, bundle))) throw new Error(`${bundle} is missing: run \`npm run build\` first.`);
  }
  outDir = mkdtempSync(path.join(os.tmpdir(), 'opinion-lint-vsix-'));
  execFileSync(process.execPath, [path.join(root, 'scripts/package.mjs'), '--no-build', '--out', outDir], { cwd: root, stdio: 'pipe' });
}, 300_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

it('npm run package writes the universal package and this platform’s, no other', () => {
  expect(readdirSync(outDir).sort()).toEqual(PACKAGES.map((p) => p.file).sort());
});

describe.each(PACKAGES)('the $kind .vsix', ({ kind, file, target }) => {
  let zip: Buffer;
  let entries: ZipEntry[];
  let names: string[];
  const read = (name: string) => readEntry(zip, entries.find((e) => e.name === name)!).toString('utf8');
  const jieba = 'extension/node_modules/nodejieba/';

  beforeAll(() => {
    zip = readFileSync(path.join(outDir, file));
    entries = zipEntries(zip);
    names = entries.map((e) => e.name);
  });

  it('holds the bundles, the profiles, the grammar, the schema and the manifest', () => {
    expect(names).toEqual(
      expect.arrayContaining([
        'extension/package.json',
        'extension/client/out/extension.js',
        'extension/server/out/server.js',
        'extension/server/out/learn.worker.js',
        'extension/server/profiles/default.json',
        'extension/server/profiles/people-daily.json',
        'extension/syntaxes/opinion-draft.tmLanguage.json',
        'extension/language-configuration.json',
        'extension/schemas/opinionlintrc.schema.json',
      ]),
    );
    const manifest = JSON.parse(read('extension/package.json'));
    expect(manifest.main).toBe('./client/out/extension.js');
    expect(manifest.contributes.jsonValidation).toEqual([{ fileMatch: '.opinionlintrc.json', url: './schemas/opinionlintrc.schema.json' }]);
    expect(manifest.contributes.grammars[0].path).toBe('./syntaxes/opinion-draft.tmLanguage.json');
  });

  it(`declares ${target ? `the target platform ${target}` : 'no target platform'}`, () => {
    const platform = /TargetPlatform="([^"]*)"/.exec(read('extension.vsixmanifest'))?.[1];
    expect(platform).toBe(target);
  });

  it('holds the portable segmenter and nodejieba’s dictionaries', () => {
    expect(names).toEqual(
      expect.arrayContaining([
        'extension/server/wasm/jieba.wasm',
        `${jieba}package.json`,
        `${jieba}index.js`,
        ...['jieba.dict.utf8', 'hmm_model.utf8', 'user.dict.utf8', 'stop_words.utf8'].map((d) => `${jieba}submodules/cppjieba/dict/${d}`),
        // Loaded in place of the keyword extractor's 6 MB IDF table, which is left out.
        'extension/server/dict/keyword-stub.utf8',
      ]),
    );
    expect(names).not.toContain(`${jieba}submodules/cppjieba/dict/idf.utf8`);
    expect(readEntry(zip, entries.find((e) => e.name === 'extension/server/wasm/jieba.wasm')!)).toEqual(readFileSync(path.join(root, 'server/wasm/jieba.wasm')));
  });

  it(kind === 'native' ? 'holds the native addon built here' : 'holds no native binary', () => {
    const binaries = names.filter((n) => /\.(node|so|dll|dylib)$/.test(n));
    expect(binaries).toEqual(kind === 'native' ? [`${jieba}build/Release/nodejieba.node`] : []);
  });

  it('leaves out sources, tests, tooling, source maps and every other node_module', () => {
    const junk = names.filter(
      (n) =>
        /^extension\/(server\/src|client\/src|test|scripts|examples|bench-results|test-results|\.cache|\.ci|\.github)\//.test(n) ||
        /\.(ts|map|tsbuildinfo|vsix|cpp)$/.test(n) ||
        /(^|\/)(tsconfig\.json|vitest\.config\.[jt]s|package-lock\.json|\.opinionlintcache)$/.test(n) ||
        (n.startsWith('extension/node_modules/') && !n.startsWith(jieba)) ||
        /^extension\/node_modules\/nodejieba\/(lib|test|node_modules|submodules\/(?!cppjieba\/dict\/)|build\/Release\/(?!nodejieba\.node$))/.test(n) ||
        /^extension\/server\/out\/(cli|lint\.worker)\.js$/.test(n),
    );
    expect(junk).toEqual([]);
  });

  it('needs nothing at run time but Node built-ins, nodejieba and (in the client) vscode: the portable segmenter’s runtime is bundled', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    for (const [bundle, allowed] of [
      ['extension/server/out/server.js', ['nodejieba', 'nodejieba/package.json']],
      ['extension/server/out/learn.worker.js', ['nodejieba', 'nodejieba/package.json']],
      ['extension/client/out/extension.js', ['vscode']],
    ] as const) {
      const required = [...read(bundle).matchAll(/\brequire(?:\.resolve)?\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
      expect(required.length).toBeGreaterThan(0);
      expect(required.filter((r) => !builtins.has(r) && !(allowed as readonly string[]).includes(r))).toEqual([]);
    }
    for (const bundle of ['extension/server/out/server.js', 'extension/server/out/learn.worker.js']) expect(read(bundle)).toContain('jieba_tag_packed');
    expect(names).not.toContain('extension/server/wasm/jieba.js');
  });

  it(`runs its language server on its own, outside the repository, and lints a draft ${kind === 'native' ? 'natively' : 'on the portable segmenter'}`, async () => {
    // Unpacked away from the project, `require('nodejieba')` can only find the packaged copy.
    const installed = path.join(outDir, `installed-${kind}`);
    for (const entry of entries) {
      if (!entry.name.startsWith('extension/') || entry.name.endsWith('/')) continue;
      const out = path.join(installed, entry.name);
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(out, readEntry(zip, entry));
    }
    const workspace = path.join(outDir, `workspace-${kind}`);
    mkdirSync(workspace);
    const { session } = await LspSession.start(workspace, { serverBundle: path.join(installed, 'extension/server/out/server.js') });
    try {
      const uri = await session.open('draft.txt', '公园的长椅\n●许宁\n\n长椅旁又添了一盏路灯,散步的人多了。\n');
      const diagnostics = await session.diagnosticsFor(uri, { version: 1 });
      expect(diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character])).toEqual([['punctuation-width', 3, 10]]);
      expect(await session.shutdown()).toBe(0);
      if (kind === 'native') expect(session.stderr).not.toContain('便携分词器');
      else expect(session.stderr).toMatch(/^Opinion Lint：本机的 nodejieba 原生分词模块不可用（nodejieba native binding was not found at .*），改用便携分词器（WebAssembly）/m);
    } finally {
      session.kill();
    }
  });
});
