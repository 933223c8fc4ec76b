// Packages the extension with @vscode/vsce from the built bundles (`npm test` builds first) and
// checks what the .vsix holds: the bundles, the default profile, nodejieba's native build and
// dictionaries in; sources, tests, tooling and other node_modules out.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

describe('the packaged .vsix', () => {
  let outDir: string;
  let zip: Buffer;
  let entries: ZipEntry[];
  let names: string[];
  const read = (name: string) => readEntry(zip, entries.find((e) => e.name === name)!).toString('utf8');

  beforeAll(() => {
    for (const bundle of ['server/out/server.js', 'client/out/extension.js']) {
      if (!existsSync(path.join(root, bundle))) throw new Error(`${bundle} is missing: run \`npm run build\` first.`);
    }
    outDir = mkdtempSync(path.join(os.tmpdir(), 'opinion-lint-vsix-'));
    const vsix = path.join(outDir, 'opinion-lint.vsix');
    execFileSync(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--out', vsix], { cwd: root, stdio: 'pipe' });
    zip = readFileSync(vsix);
    entries = zipEntries(zip);
    names = entries.map((e) => e.name);
  }, 300_000);

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

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

  it('holds nodejieba: its loader, its native build and its dictionaries', () => {
    const jieba = 'extension/node_modules/nodejieba/';
    expect(names).toEqual(
      expect.arrayContaining([
        `${jieba}package.json`,
        `${jieba}index.js`,
        `${jieba}build/Release/nodejieba.node`,
        ...['jieba.dict.utf8', 'hmm_model.utf8', 'user.dict.utf8', 'stop_words.utf8'].map((d) => `${jieba}submodules/cppjieba/dict/${d}`),
        // Loaded in place of the keyword extractor's 6 MB IDF table, which is left out.
        'extension/server/dict/keyword-stub.utf8',
      ]),
    );
    expect(names).not.toContain(`${jieba}submodules/cppjieba/dict/idf.utf8`);
  });

  it('leaves out sources, tests, tooling, source maps and every other node_module', () => {
    const junk = names.filter(
      (n) =>
        /^extension\/(server\/src|client\/src|test|scripts|examples|bench-results|test-results|\.cache|\.ci)\//.test(n) ||
        /\.(ts|map|tsbuildinfo|vsix)$/.test(n) ||
        /(^|\/)(tsconfig\.json|vitest\.config\.[jt]s|package-lock\.json|\.opinionlintcache)$/.test(n) ||
        (n.startsWith('extension/node_modules/') && !n.startsWith('extension/node_modules/nodejieba/')) ||
        /^extension\/node_modules\/nodejieba\/(lib|test|node_modules|submodules\/(?!cppjieba\/dict\/)|build\/Release\/obj\.target)/.test(n) ||
        /^extension\/server\/out\/(cli|lint\.worker)\.js$/.test(n),
    );
    expect(junk).toEqual([]);
  });

  it('bundles need nothing at run time but Node built-ins, nodejieba and (in the client) vscode', () => {
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
  });

  it('runs its language server on its own, outside the repository, and lints a draft', async () => {
    // Unpacked away from the project, `require('nodejieba')` can only find the packaged copy.
    const installed = path.join(outDir, 'installed');
    for (const entry of entries) {
      if (!entry.name.startsWith('extension/') || entry.name.endsWith('/')) continue;
      const file = path.join(installed, entry.name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, readEntry(zip, entry));
    }
    const workspace = path.join(outDir, 'workspace');
    mkdirSync(workspace);
    const { session } = await LspSession.start(workspace, { serverBundle: path.join(installed, 'extension/server/out/server.js') });
    try {
      const uri = await session.open('draft.txt', '公园的长椅\n●许宁\n\n长椅旁又添了一盏路灯,散步的人多了。\n');
      const diagnostics = await session.diagnosticsFor(uri, { version: 1 });
      expect(diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character])).toEqual([['punctuation-width', 3, 10]]);
      expect(await session.shutdown()).toBe(0);
    } finally {
      session.kill();
    }
  });
});
