// Review packages (.cdreview): make, verify, import. The second-opinion pairing of the
// imported decisions with one's own is pure: src/shared/review/second-opinion.ts.

export {
  ENTRY, PACKAGE_EXT, PACKAGE_FORMAT, ReviewPackageError, importReviewPackage, makeReviewPackage, readPackageEntries,
  verifyReviewPackage, writeReviewPackage,
} from './package.js';
export type {
  EntryCheck, ImportOptions, ImportedReview, MakePackageInput, PackageEntry, PackageManifest, PackageSignature,
  PackageVerification, ReadLimits, SignerInfo, VerifyOptions,
} from './package.js';
export { SignerError, loadP12Signer, loadPemSigner } from './signer.js';
export type { PackageSignatureAlg, ReviewerSigner } from './signer.js';
