// Where a formatter writes: stdout (streamed, respecting back-pressure) or `-o FILE`, which is
// written to a temporary file and renamed into place only when the run completes, so an
// interrupted run leaves no partial report.
//
// Formatters write one small chunk per file; each write is a system call, so chunks are gathered
// up to COALESCE_BYTES first. A gathered chunk never
// waits long: it goes out as soon as the run stops producing (a timer that fires only when the
// event loop is idle, e.g. while the workers lint) — output still streams as files finish.

import { closeSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { OutputSink } from './formats/types';
import { tempPathFor } from '../workspace/write';

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
 * Gathers chunks (text, or bytes such as a cached file's output) into a buffer and hands it to
 * `send` when about `limit` bytes are in, encoding text straight into it. A chunk larger than the
 * buffer goes out on its own. Each buffer sent is new: the stream may still hold the one before.
 */
function coalescing(send: (chunk: Uint8Array) => void, limit = COALESCE_BYTES) {
  let buffer = Buffer.allocUnsafe(limit);
  let used = 0;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!used) return;
    const chunk = buffer.subarray(0, used);
    buffer = Buffer.allocUnsafe(limit);
    used = 0;
    send(chunk);
  };
  return {
    write(chunk: string | Uint8Array) {
      // UTF-8 takes at most 3 bytes per UTF-16 unit.
      const most = typeof chunk === 'string' ? 3 * chunk.length : chunk.byteLength;
      if (used + most > limit) flush();
      if (most > limit) {
        send(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
        return;
      }
      if (typeof chunk === 'string') used += buffer.write(chunk, used, 'utf8');
      else {
        buffer.set(chunk, used);
        used += chunk.byteLength;
      }
      timer ??= setTimeout(flush, IDLE_FLUSH_MS);
    },
    flush,
    /** Forgets what was gathered (an aborted run writes nothing more). */
    discard() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      used = 0;
    },
  };
}

export function stdoutOutput(stream: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout): RunOutput {
  // A terminal shares its lines with the progress display: results go out at once, in turn with it.
  const out = coalescing((chunk) => stream.write(chunk), stream.isTTY ? 0 : COALESCE_BYTES);
  const drained = async () => {
    // Read off the stream, not remembered from a write: a flush may come from the idle timer,
    // and its 'drain' may have passed already. `once` rejects if the stream errors meanwhile.
    if ((stream as Writable).writableNeedDrain) await once(stream, 'drain');
  };
  return {
    write: out.write,
    drained,
    async finish() {
      out.flush();
      await drained();
    },
    // What was produced before the interruption is still worth showing.
    abort: out.flush,
  };
}

/**
 * `-o FILE`: written to the temporary file synchronously: the writes are large and local, and an
 * asynchronous stream would leave the run idling at the end while its queue drains. A failed
 * write (disk full) is reported at the next `drained` or at `finish`.
 */
export function fileOutput(target: string): RunOutput {
  const temp = tempPathFor(target);
  let fd: number | undefined = openSync(temp, 'wx');
  let failure: unknown;
  const out = coalescing((chunk) => {
    if (fd === undefined || failure !== undefined) return;
    try {
      let written = 0;
      while (written < chunk.byteLength) written += writeSync(fd, chunk, written, chunk.byteLength - written);
    } catch (err) {
      failure = err;
    }
  });
  const close = () => {
    if (fd === undefined) return;
    const open = fd;
    fd = undefined;
    closeSync(open);
  };
  return {
    write: out.write,
    async drained() {
      if (failure !== undefined) throw failure;
    },
    async finish() {
      try {
        out.flush();
        if (failure !== undefined) throw failure;
        close();
      } catch (err) {
        this.abort();
        throw err;
      }
      renameSync(temp, target);
    },
    abort() {
      out.discard();
      try {
        close();
      } catch {
        // The file is dropped below either way.
      }
      try {
        unlinkSync(temp);
      } catch {
        // Already gone.
      }
    },
  };
}
