// Reads a file whole, within a size limit, never half: a file that is too large, vanished,
// unreadable or changing while read comes back as a Chinese reason instead. The one place that
// reads drafts, corpus files, configs and ignore files (each with its own limit).

import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { decodeBuffer, type DecodeResult } from '../engine/text/decode';

/** `stats` is the file's stat taken before its bytes were read at `readAt` (ms since the epoch). */
export type ReadOutcome = { ok: true; bytes: Buffer; stats: Stats; readAt: number } | { ok: false; reason: string };

/**
 * Synchronous on purpose: a folder lint's main thread only reads and hashes (workers lint), and
 * four promise round trips per file through the libuv pool cost more than the read itself.
 */
export function readBytes(file: string, maxBytes: number): ReadOutcome {
  const read = readWhole(file, maxBytes);
  if (read.ok) return read;
  switch (read.failure) {
    case 'too-large':
      return { ok: false, reason: `文件过大（${formatBytes(read.size)}，上限 ${formatBytes(maxBytes)}），已跳过。可在 .opinionlintrc.json 中用 maxFileSize 调整上限。` };
    case 'changed':
      return { ok: false, reason: '读取时文件长度发生变化（可能正在被写入），已跳过。请稍后重试。' };
    default:
      return { ok: false, reason: `${read.reason}，已跳过。` };
  }
}

/**
 * A small file the tool reads as settings (a config, an ignore file), as UTF-8 text: only a regular
 * file within `maxBytes` is read (a pipe never blocks, a device is never read), else the Chinese
 * reason, which never quotes the file.
 */
export function readSettingsFile(file: string, maxBytes: number): { ok: true; text: string } | { ok: false; reason: string } {
  const read = readWhole(file, maxBytes);
  if (read.ok) return { ok: true, text: read.bytes.toString('utf8') };
  if (read.failure === 'too-large') return { ok: false, reason: `文件过大（${formatBytes(read.size)}，上限 ${formatBytes(maxBytes)}）` };
  if (read.failure === 'changed') return { ok: false, reason: '读取时文件长度发生变化' };
  return { ok: false, reason: read.reason };
}

type WholeRead = (ReadOutcome & { ok: true }) | { ok: false; failure: 'too-large'; size: number } | { ok: false; failure: 'changed' } | { ok: false; failure: 'unreadable'; reason: string };

function readWhole(file: string, maxBytes: number): WholeRead {
  let fd: number | undefined;
  const readAt = Date.now();
  try {
    // Non-blocking open: a named pipe would otherwise block the read until a writer appears.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, failure: 'unreadable', reason: notRegularFile(st) };
    const { size } = st;
    if (size > maxBytes) return { ok: false, failure: 'too-large', size };
    // One byte more than the size we were told, to notice a file that grows while we read it.
    const buf = Buffer.allocUnsafe(size + 1);
    let read = 0;
    for (;;) {
      const bytesRead = readSync(fd, buf, read, buf.length - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
      if (read === buf.length) break;
    }
    if (read !== size) return { ok: false, failure: 'changed' };
    return { ok: true, bytes: buf.subarray(0, size), stats: st, readAt };
  } catch (err) {
    return { ok: false, failure: 'unreadable', reason: readFailure(err) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Reads and decodes a file (UTF-8, UTF-16 with BOM, GB18030); never throws. */
export function readText(file: string, maxBytes: number): DecodeResult {
  const read = readBytes(file, maxBytes);
  return read.ok ? decodeBuffer(read.bytes) : read;
}

/** Why a file cannot be read (a phrase: the callers add what happens next). */
function notRegularFile(st: Stats): string {
  if (st.isDirectory()) return '这是一个文件夹，不是文件';
  return `不是普通文件（${st.isFIFO() ? '命名管道' : '设备或套接字'}）`;
}

function readFailure(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return '文件不存在（可能在检查期间被删除）';
  if (code === 'EACCES' || code === 'EPERM') return '没有读取权限';
  if (code === 'EISDIR') return '这是一个文件夹，不是文件';
  return `读取失败（${code ?? String(err)}）`;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} 字节`;
}
