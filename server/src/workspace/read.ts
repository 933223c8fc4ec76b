// Reads a file whole, within a size limit, never half: a file that is too large, vanished,
// unreadable or changing while read comes back as a Chinese reason instead. The one place that
// reads drafts and corpus files (configs and profiles have their own limits, see config.ts).

import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { decodeBuffer, type DecodeResult } from '../engine/text/decode';

/** `stats` is the file's stat taken before its bytes were read at `readAt` (ms since the epoch). */
export type ReadOutcome = { ok: true; bytes: Buffer; stats: Stats; readAt: number } | { ok: false; reason: string };

/**
 * Synchronous on purpose: a folder lint's main thread only reads and hashes (workers lint), and
 * four promise round trips per file through the libuv pool cost more than the read itself.
 */
export function readBytes(file: string, maxBytes: number): ReadOutcome {
  let fd: number | undefined;
  const readAt = Date.now();
  try {
    // Non-blocking open: a named pipe would otherwise block the read until a writer appears.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, reason: notRegularFile(st) };
    const { size } = st;
    if (size > maxBytes) {
      return { ok: false, reason: `文件过大（${formatBytes(size)}，上限 ${formatBytes(maxBytes)}），已跳过。可在 .opinionlintrc.json 中用 maxFileSize 调整上限。` };
    }
    // One byte more than the size we were told, to notice a file that grows while we read it.
    const buf = Buffer.allocUnsafe(size + 1);
    let read = 0;
    for (;;) {
      const bytesRead = readSync(fd, buf, read, buf.length - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
      if (read === buf.length) break;
    }
    if (read !== size) return { ok: false, reason: '读取时文件长度发生变化（可能正在被写入），已跳过。请稍后重试。' };
    return { ok: true, bytes: buf.subarray(0, size), stats: st, readAt };
  } catch (err) {
    return { ok: false, reason: readFailure(err) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Reads and decodes a file (UTF-8, UTF-16 with BOM, GB18030); never throws. */
export function readText(file: string, maxBytes: number): DecodeResult {
  const read = readBytes(file, maxBytes);
  return read.ok ? decodeBuffer(read.bytes) : read;
}

function notRegularFile(st: Stats): string {
  if (st.isDirectory()) return '这是一个文件夹，不是文件，已跳过。';
  return `不是普通文件（${st.isFIFO() ? '命名管道' : '设备或套接字'}），已跳过。`;
}

function readFailure(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return '文件不存在（可能在检查期间被删除），已跳过。';
  if (code === 'EACCES' || code === 'EPERM') return '没有读取权限，已跳过。';
  if (code === 'EISDIR') return '这是一个文件夹，不是文件，已跳过。';
  return `读取失败（${code ?? String(err)}），已跳过。`;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} 字节`;
}
