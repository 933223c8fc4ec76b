// Bundles the server, the CLI (and its worker) and the client with esbuild.
// nodejieba is a native addon: it stays external and ships in node_modules with its dictionaries.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  external: ['nodejieba', 'vscode'],
};

const entries = [
  { entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js' },
  { entryPoints: ['server/src/lsp/learnWorker.ts'], outfile: 'server/out/learn-worker.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'server/out/cli.js' },
  { entryPoints: ['server/src/cli/worker.ts'], outfile: 'server/out/worker.js' },
  { entryPoints: ['server/src/cli/learn-share-worker.ts'], outfile: 'server/out/learn-share.js' },
  { entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js' },
].filter((e) => existsSync(e.entryPoints[0]));

const contexts = await Promise.all(entries.map((e) => esbuild.context({ ...common, ...e })));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
