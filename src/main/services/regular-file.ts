// Reading a file a user named (a report to verify, a key, a CRL): only a regular file, its
// size checked before a byte is read, so a FIFO, a device (a link to /dev/zero) or a
// directory is refused at once instead of hanging or filling memory.

import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/** A report (PDF) is refused past this size, before it is read. */
export const MAX_REPORT_BYTES = 256 * 1024 * 1024;

/** The file cannot be used: missing, not a regular file, or too large; the message says which, in Chinese. */
export class FileRefused extends Error {
  constructor(readonly reason: 'missing' | 'not-a-file' | 'too-large' | 'unreadable', message: string) {
    super(message);
    this.name = 'FileRefused';
  }
}

export async function readRegularFile(path: string, o: { maxBytes: number; what: string }): Promise<Buffer> {
  let fh;
  try {
    // Non-blocking, so opening a FIFO with no writer returns at once (and is then refused).
    fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new FileRefused('missing', `找不到${o.what}：${path}`);
    if (code === 'EISDIR') throw new FileRefused('not-a-file', `${o.what}是文件夹，不是文件：${path}`);
    throw new FileRefused('unreadable', `无法读取${o.what} ${path}：${(e as Error).message}`);
  }
  try {
    const s = await fh.stat();
    if (s.isDirectory()) throw new FileRefused('not-a-file', `${o.what}是文件夹，不是文件：${path}`);
    if (!s.isFile()) throw new FileRefused('not-a-file', `${o.what}不是普通文件（管道、设备或套接字）：${path}`);
    if (s.size > o.maxBytes) throw new FileRefused('too-large', `${o.what}过大：${path} 有 ${s.size.toLocaleString('en-US')} 字节，上限 ${o.maxBytes.toLocaleString('en-US')} 字节`);
    const buf = Buffer.alloc(s.size);
    let at = 0;
    while (at < buf.length) {
      const { bytesRead } = await fh.read(buf, at, buf.length - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return at === buf.length ? buf : buf.subarray(0, at);
  } finally {
    await fh.close();
  }
}
