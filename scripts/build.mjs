// Bundles the server, the CLI, their workers and the client with esbuild.
// nodejieba is a native addon: it stays external and ships in node_modules with its dictionaries.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

// `import text from './file?raw'` (as vitest reads it too): the file's text, bundled as a string.
// The folder report's stylesheet and page script are files of their own, inlined into its one page.
const rawText = {
  name: 'raw-text',
  setup(build) {
    build.onResolve({ filter: /\?raw$/ }, (args) => ({ path: path.resolve(args.resolveDir, args.path.slice(0, -'?raw'.length)), namespace: 'raw-text' }));
    build.onLoad({ filter: /.*/, namespace: 'raw-text' }, async (args) => ({ contents: await readFile(args.path, 'utf8'), loader: 'text' }));
  },
};

const common = {
  bundle: true,
  plugins: [rawText],
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  external: ['nodejieba', 'vscode'],
};

// The CLI runs where npm installed its dependencies: iconv-lite stays in node_modules, where its
// GB18030 tables (0.55 MB, most of the bundle) load only when a GB18030 file comes, instead of being
// parsed by every start and every worker thread; so does pinyin-pro (0.55 MB bundled). The
// extension's bundles carry both: the .vsix needs no other node_module.
const cli = { external: [...common.external, 'iconv-lite', 'pinyin-pro'] };

const entries = [
  { entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js' },
  // Used by the CLI and the server alike: it carries iconv-lite like the server.
  { entryPoints: ['server/src/workspace/learn.worker.ts'], outfile: 'server/out/learn.worker.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'server/out/cli.js', ...cli },
  { entryPoints: ['server/src/workspace/lint.worker.ts'], outfile: 'server/out/lint.worker.js', ...cli },
  { entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js' },
].filter((e) => existsSync(e.entryPoints[0]));

const contexts = await Promise.all(entries.map((e) => esbuild.context({ ...common, ...e })));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
