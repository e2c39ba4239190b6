// The file side of the evidence-bundle reader: open a folder or zip, read its records,
// stream its logs.

export { BundleError, isHiddenOsFile, openSource } from './source.js';
export type { BundleErrorCode, BundleSource, SourceLimits } from './source.js';
export { docxText, logFileOf, pdfText, readRecords, sm2PublicKeyHex, verifyManifestSignature } from './read-records.js';
export type { ReadRecordsOptions } from './read-records.js';
export { streamLog } from './stream-log.js';
export type { LogHandlers } from './stream-log.js';
export { canonicalJson, compareWithManifest, normaliseBundlePath } from '../../../shared/bundle/integrity.js';
export { decodeWhole, looksBinary, sniffEncoding, TextStream } from '../../../shared/bundle/decode.js';
export type { TextEncodingName } from '../../../shared/bundle/decode.js';
