// Kept apart from the bundle reader so that code which only needs to recognise the error
// (the command line's exit status) does not load the reader and its zip library.

export type BundleErrorCode =
  | 'not-found' // no such folder or file
  | 'not-a-bundle' // neither a folder nor a zip
  | 'corrupt' // an unreadable or encrypted zip
  | 'hostile' // a path escaping the bundle, a link out, a device
  | 'too-large' // expansion, entry count or file size past a limit
  | 'no-such-file' // a path not in the bundle
  | 'invalid'; // the bundle's metadata cannot be used (manifest, timezone, period)

/** The bundle cannot be used (CLI exit 2). The message names the file and says what to do. */
export class BundleError extends Error {
  readonly code: BundleErrorCode;
  readonly file?: string;

  constructor(code: BundleErrorCode, message: string, file?: string) {
    super(message);
    this.name = 'BundleError';
    this.code = code;
    this.file = file;
  }
}
