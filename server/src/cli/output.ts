// Where a formatter writes: stdout (streamed, respecting back-pressure) or `-o FILE`, which is
// written to a temporary file and renamed into place only when the run completes, so an
// interrupted run leaves no partial report.

import { createWriteStream, renameSync, unlinkSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { OutputSink } from './formats/types';
import { tempPathFor } from './write';

export interface RunOutput extends OutputSink {
  /** Resolves when the destination has taken what was written (back-pressure). */
  drained(): Promise<void>;
  /** Completes the output (renames `-o FILE` into place). */
  finish(): Promise<void>;
  /** Drops an unfinished output file. */
  abort(): void;
}

export function stdoutOutput(stream: NodeJS.WritableStream = process.stdout): RunOutput {
  let full = false;
  return {
    write(chunk) {
      if (!stream.write(chunk)) full = true;
    },
    async drained() {
      if (full) {
        full = false;
        await once(stream, 'drain');
      }
    },
    async finish() {
      await this.drained();
    },
    abort() {},
  };
}

export function fileOutput(target: string): RunOutput {
  const temp = tempPathFor(target);
  const stream: WriteStream = createWriteStream(temp, { flags: 'wx' });
  let full = false;
  let failure: Error | undefined;
  stream.on('error', (err) => {
    failure = err;
  });
  return {
    write(chunk) {
      if (!stream.write(chunk)) full = true;
    },
    async drained() {
      if (failure) throw failure;
      if (full) {
        full = false;
        await Promise.race([once(stream, 'drain'), once(stream, 'error')]);
      }
    },
    async finish() {
      stream.end();
      try {
        await finished(stream);
        if (failure) throw failure;
      } catch (err) {
        this.abort();
        throw err;
      }
      renameSync(temp, target);
    },
    abort() {
      stream.destroy();
      try {
        unlinkSync(temp);
      } catch {
        // Never created.
      }
    },
  };
}
