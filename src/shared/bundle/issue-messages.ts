// Every input problem the readers report, by message id, in Chinese and English. An issue
// carries its id and parameters; its `message` is the Chinese text (findings.json keeps all
// three) and the workbench shows the text of the interface's language.

import { JsonTooDeep } from './json.js';
import type { InputIssue, IssueSeverity } from './types.js';

export type IssueParams = Record<string, string | number>;

const m = (zh: string, en: string) => ({ zh, en });

export const ISSUE_MESSAGES = {
  'csv.unterminated-quote': m('第 {line} 行开始的带引号字段没有闭合：从该行到文件末尾共 {lines} 行被读成同一条记录，已整条跳过；请检查该行的引号',
    'The quoted field starting on line {line} is never closed: the {lines} lines from there to the end were read as one record and skipped; check the quotes on that line'),
  'csv.text-after-quote': m('右引号后还有文字，该记录已跳过', 'Text after a closing quote; the record was skipped'),
  'csv.incomplete-record': m('记录不完整，已跳过', 'Incomplete record; skipped'),
  'csv.record-too-long': m('记录超过 {max} 个字符（引号未闭合或不是 CSV 文件），已跳过', 'A record longer than {max} characters (an unclosed quote, or not a CSV file); skipped'),
  'csv.field-count': m('该行有 {fields} 个字段，表头有 {header} 个；该行已跳过', '{fields} fields where the header has {header}; the row was skipped'),
  'csv.no-header': m('没有表头行', 'No header row'),
  'json.invalid': m('不是有效的 JSON（第 {column} 个字符附近）', 'Not valid JSON (near character {column}: {reason})'),
  'json.too-deep': m('JSON 嵌套超过 {limit} 层，按无法读取处理', 'JSON nested deeper than {limit} levels; treated as unreadable'),
  'log.line-too-deep': m('该行 JSON 嵌套超过 {limit} 层，已跳过', 'The line’s JSON is nested deeper than {limit} levels; skipped'),
  'json.not-object': m('应为 JSON 对象（{…}）；按无法读取处理。', 'Should be a JSON object ({…}); treated as unreadable.'),
  'json.not-array': m('应为 JSON 数组（[…]）；按无法读取处理。', 'Should be a JSON array ([…]); treated as unreadable.'),
  'log.invalid-json-line': m('该行不是有效的 JSON（第 {column} 个字符附近），已跳过', 'Not valid JSON (near character {column}: {reason}); the line was skipped'),
  'log.line-too-long': m('该行超过 {max} 个字符的上限，整行已跳过', 'The line is longer than the limit of {max} characters; skipped whole'),
  'log.line-not-object': m('该行不是 JSON 对象，已跳过', 'The line is not a JSON object; skipped'),
  'log.bad-timestamp': m('时间“{ts}”无法识别，该行已跳过', 'Unreadable time “{ts}”; the line was skipped'),
  'log.unknown-action': m('操作“{action}”不在规定的操作类型中（首次出现于此；这类事件仍保留）', 'Unknown action “{action}” (first seen here; such events are kept)'),
  'log.bad-records': m('记录数“{records}”不是数字，按空值处理', 'Records “{records}” is not a number; treated as empty'),
  'log.binary': m('这是二进制文件，不是文本日志（.jsonl 或 .csv）；未读取任何事件。', 'A binary file, not a text log (.jsonl or .csv); no event was read.'),
  'log.not-read-to-end': m('日志文件未能读完，其事件未纳入审查（{reason}）', 'The log file could not be read to the end; its events are not in the review ({reason})'),
  'manifest.bad-chain': m('manifest.json 中 {path} 的哈希链公式不完整（需 algorithm 为 sha256 或 sm3、fields、separator），该日志按版本 1 的公式校验。',
    'The hash chain formula for {path} in manifest.json is incomplete (it needs algorithm sha256 or sm3, fields, separator); that log is checked by the version 1 formula.'),
  'provenance.malformed': m('provenance.json 不是“bundle import”写的来源记录，证据不标注原始导出的行。', 'provenance.json is not the record of sources bundle import writes; evidence is shown without the export\'s rows.'),
  'log.not-a-log': m('logs/ 下的文件不是 .jsonl 或 .csv 日志（可为 .gz 压缩），未作为日志读取。', 'A file under logs/ that is not a .jsonl or .csv log (optionally .gz); not read as a log.'),
  'log.gzip-bomb': m('gzip 解压后超过压缩大小的 {ratio} 倍，疑似压缩炸弹，在第 {line} 行之后停止读取；此前的行已使用。',
    'The gzip expands past {ratio} times its size (a likely zip bomb); reading stopped after line {line}, the lines before are used.'),
  'log.outside-period': m('{n} 条日志事件不在评估期 {start} 至 {end} 内（或时间为空），已计数但不参与评估期内的判断',
    '{n} log events are outside the review period {start} to {end} (or have no time): counted, not judged'),
  'decode.switched-to-gb18030': m('此前为纯 ASCII，自第 {byte} 字节（第 {line} 行）起不是有效的 UTF-8，其后按 GB18030 解码。',
    'Plain ASCII until byte {byte} (line {line}), not valid UTF-8 from there: decoded as GB18030 from there on.'),
  'decode.replaced': m('第 {byte} 字节（第 {line} 行）起有无效的 UTF-8 字节，已替换为 U+FFFD（此后如再有无效字节也同样替换）；相关字段可能不正确。',
    'Invalid UTF-8 bytes from byte {byte} (line {line}), replaced by U+FFFD (as are any later ones); the fields there may be wrong.'),
  'log.gzip-corrupt': m('gzip 数据在第 {line} 行之后截断或损坏；此前的行已使用。', 'The gzip data is cut or damaged after line {line} ({reason}); the lines before were used.'),
  'file.too-large': m('文件过大，无法整读（{reason}）；按无法读取处理。', 'Too large to read whole ({reason}); treated as unreadable.'),
  'file.binary': m('这是二进制文件，不是{what}；按无法读取处理。', 'A binary file, not {what}; treated as unreadable.'),
  'file.issues-not-listed': m('另有 {n} 个输入问题未逐条列出（每个文件最多列出 {max} 个）', '{n} more input problems not listed (at most {max} per file)'),
  'policy.path-outside': m('制度文件路径“{path}”越出证据包，未读取。', 'The policy file path “{path}” leaves the bundle; not read.'),
  'policy.file-missing': m('制度 {id} 的文件 {path} 不在证据包中。', 'The file {path} of policy {id} is not in the bundle.'),
  'policy.unreadable': m('制度文件无法读取：{reason}。', 'The policy document cannot be read: {reason}.'),
  'policy.pdf-pages': m('PDF 有 {pages} 页，只读取了前 {max} 页的文本。', 'The PDF has {pages} pages; only the text of the first {max} was read.'),
  'policy.pdf-no-text': m('PDF 没有文本层（可能是扫描件），无法检查制度要素；请提供带文本层的 PDF 或 DOCX。',
    'The PDF has no text layer (a scan?): its elements cannot be checked; provide a PDF with text or a DOCX.'),
  'manifest.no-format': m('manifest.json 没有 format；按 evidence-bundle/1 读取。', 'manifest.json has no format; read as evidence-bundle/1.'),
  'manifest.other-format': m('manifest.json 的 format 为 {format}，不是 evidence-bundle/1；按第 1 版读取。', 'manifest.json has format {format}, not evidence-bundle/1; read as version 1.'),
  'manifest.no-files': m('manifest.json 没有 files 文件清单；所有文件都将视为未列入清单。', 'manifest.json has no files list; every file counts as unlisted.'),
  'manifest.entry-no-path': m('files 第 {n} 项没有 path，已忽略。', 'Entry {n} of files has no path; ignored.'),
  'manifest.bad-sha256': m('files 中 {path} 的 sha256 不是 64 位十六进制值；该文件将视为已变更。', 'The sha256 of {path} in files is not 64 hex digits; the file counts as changed.'),
  'manifest.bad-bytes': m('files 中 {path} 的 bytes 不是非负整数；只比对哈希。', 'The bytes of {path} in files is not a non-negative integer; only the hash is compared.'),
  'profile.note': m('{note}', '{note}'),
} as const;

export type IssueCode = keyof typeof ISSUE_MESSAGES;

/**
 * A JSON parser's complaint as an input issue: too deep (our limit), or bad syntax with where
 * (1-based character) and the parser's own words for the English text.
 */
export function jsonIssue(file: string, line: number | null, e: unknown, whole: boolean): InputIssue {
  if (e instanceof JsonTooDeep) return inputIssue(file, line, 'error', whole ? 'json.too-deep' : 'log.line-too-deep', { limit: e.limit });
  const reason = (e as Error).message.slice(0, 120);
  const at = /position (\d+)/.exec(reason);
  return inputIssue(file, line, 'error', whole ? 'json.invalid' : 'log.invalid-json-line', { column: at ? Number(at[1]) + 1 : '—', reason });
}

/** The text of a message id with its parameters filled in. */
export function issueText(code: IssueCode, params: IssueParams, lang: 'zh' | 'en'): string {
  return ISSUE_MESSAGES[code][lang].replace(/\{(\w+)\}/g, (all, k: string) => (k in params ? String(params[k]) : all));
}

/** An input issue with its id, parameters and Chinese text. */
export function inputIssue(file: string, line: number | null, severity: IssueSeverity, code: IssueCode, params: IssueParams = {}): InputIssue {
  return { file, line, severity, code, params, message: issueText(code, params, 'zh') };
}

/** An issue's text in `lang`; an issue from older findings without an id keeps its text. */
export function issueMessage(issue: InputIssue, lang: 'zh' | 'en'): string {
  return issue.code && issue.code in ISSUE_MESSAGES ? issueText(issue.code, issue.params ?? {}, lang) : issue.message;
}
