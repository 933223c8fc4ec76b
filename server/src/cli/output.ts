// Where a formatter writes: stdout (streamed, respecting back-pressure) or `-o FILE`, which is
// written to a temporary file and renamed into place only when the run completes, so an
// interrupted run leaves no partial report.
//
// Formatters write one small chunk per file; each stream write is a system call (or a thread-pool
// request for a file), so chunks are gathered up to COALESCE_BYTES first. A gathered chunk never
// waits long: it goes out as soon as the run stops producing (a timer that fires only when the
// event loop is idle, e.g. while the workers lint) — output still streams as files finish.

import { createWriteStream, renameSync, unlinkSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
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

/** About what one write to a pipe or file takes at once. */
const COALESCE_BYTES = 64 * 1024;
/** How long gathered output may wait for more while the run is idle. */
const IDLE_FLUSH_MS = 15;

/**
 * Gathers chunks and hands them to `stream` in writes of at least `limit` characters. A flush may
 * come from the idle timer, so back-pressure is read off the stream when waited for, not
 * remembered from a write ('drain' may have passed already). `once(stream, 'drain')` rejects if the
 * stream errors while we wait, and leaves no listener behind when it does not.
 */
function coalescing(stream: Writable, limit = COALESCE_BYTES) {
  let pending: string[] = [];
  let pendingLength = 0;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!pending.length) return;
    const chunk = pending.length === 1 ? pending[0] : pending.join('');
    pending = [];
    pendingLength = 0;
    stream.write(chunk);
  };
  return {
    write(chunk: string) {
      pending.push(chunk);
      pendingLength += chunk.length;
      if (pendingLength >= limit) flush();
      else timer ??= setTimeout(flush, IDLE_FLUSH_MS);
    },
    flush,
    async drained() {
      if (stream.writableNeedDrain) await once(stream, 'drain');
    },
    /** Forgets what was gathered (an aborted run writes nothing more). */
    discard() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      pending = [];
      pendingLength = 0;
    },
  };
}

export function stdoutOutput(stream: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout): RunOutput {
  // A terminal shares its lines with the progress display: results go out at once, in turn with it.
  const out = coalescing(stream as Writable, stream.isTTY ? 0 : COALESCE_BYTES);
  return {
    write: out.write,
    drained: out.drained,
    async finish() {
      out.flush();
      await out.drained();
    },
    // What was produced before the interruption is still worth showing.
    abort: out.flush,
  };
}

export function fileOutput(target: string): RunOutput {
  const temp = tempPathFor(target);
  const stream: WriteStream = createWriteStream(temp, { flags: 'wx' });
  const out = coalescing(stream);
  let failure: Error | undefined;
  stream.on('error', (err) => {
    failure = err;
  });
  return {
    write: out.write,
    async drained() {
      if (failure) throw failure;
      await out.drained();
    },
    async finish() {
      out.flush();
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
      out.discard();
      stream.destroy();
      try {
        unlinkSync(temp);
      } catch {
        // Never created.
      }
    },
  };
}
