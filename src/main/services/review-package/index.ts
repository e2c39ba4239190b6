// Review packages (.cdreview): make, verify, import. The second-opinion pairing of the
// imported decisions with one's own is pure: src/shared/review/second-opinion.ts.

export { ReviewPackageError, importReviewPackage, readPackageEntries, verifyReviewPackage, writeReviewPackage } from './package.js';
export type { PackageVerification } from './package.js';
export { SignerError, loadP12Signer, loadPemSigner } from './signer.js';
export type { ReviewerSigner } from './signer.js';
