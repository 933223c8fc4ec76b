// Entry point of the bundled CLI (server/out/cli.js, run by bin/opinion-lint.js).
// During `lint`, Ctrl-C stops the run at the next file, terminates the workers and leaves no
// partial writes; a second Ctrl-C exits at once. Other commands keep Node's default (exit now):
// `learn` writes its output only at the end, atomically.

import { buildIdentity, runCli, TOOL_VERSION } from './app';

let cancelled = false;
const cancelHandlers: (() => void)[] = [];

function onCancel(handler: () => void): void {
  if (cancelHandlers.length === 0) {
    process.on('SIGINT', () => {
      if (cancelled) process.exit(130);
      cancelled = true;
      for (const h of cancelHandlers) h();
    });
  }
  cancelHandlers.push(handler);
}

// The reader went away (`opinion-lint lint … | head`): nobody is listening, stop quietly.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  cancelled: () => cancelled,
  onCancel,
  toolVersion: TOOL_VERSION,
  buildId: buildIdentity(),
}).then(
  (code) => exitWhenFlushed(code),
  (err) => {
    process.stderr.write(`opinion-lint 内部错误：${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n请把这段信息报告给维护者。\n`);
    exitWhenFlushed(2);
  },
);

/**
 * Ends the process once stdout and stderr have handed everything to the OS. A command has closed
 * its workers and written its files by now: what a normal exit would still do is free the heap and
 * jieba's dictionary, item by item (about 0.1 s after learning, for memory the OS reclaims anyway).
 */
function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  // A write's callback runs once everything written before it is flushed.
  let open = 2;
  for (const stream of [process.stdout, process.stderr]) stream.write('', () => --open || process.exit(code));
}
