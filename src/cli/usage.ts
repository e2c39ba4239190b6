import { normaliseDate } from '../shared/bundle/time.js';

/** Wrong arguments: exit 2 with the message. */
export class UsageError extends Error {}

const FS_REASONS: Record<string, string> = {
  ENOENT: '不存在', ENOTDIR: '路径中有一段不是文件夹', EISDIR: '是文件夹', EACCES: '没有权限', EPERM: '不允许此操作',
  EROFS: '文件系统只读', ENOSPC: '设备空间不足', EDQUOT: '超出磁盘配额', EEXIST: '已存在', ELOOP: '符号链接层数过多',
  ENAMETOOLONG: '名称过长', EMFILE: '打开的文件过多',
};

/** Why the file system refused (in Chinese, for the user), or null when `e` is no refusal of the file system's. */
export function fileSystemReason(e: unknown): string | null {
  const code = (e as NodeJS.ErrnoException)?.code;
  return typeof code === 'string' && FS_REASONS[code] ? FS_REASONS[code] : null;
}

/** `--period START..END` (dates YYYY-MM-DD or YYYY/MM/DD), or a usage error. */
export function parsePeriod(text: string): { start: string; end: string } {
  const m = /^(.+)\.\.(.+)$/.exec(text.trim());
  const start = m ? normaliseDate(m[1]) : null;
  const end = m ? normaliseDate(m[2]) : null;
  if (!start || !end) throw new UsageError(`--period must be START..END with dates YYYY-MM-DD, got "${text}"`);
  if (start > end) throw new UsageError(`--period starts after it ends: ${text}`);
  return { start, end };
}
