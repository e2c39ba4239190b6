// Where the project's own contracts (docs/spec) and test fixtures (test/fixtures) live, for
// every test, e2e flow and script that needs them.

import { join } from 'node:path';

export const REPO = join(import.meta.dirname, '..');
export const SPEC = join(REPO, 'docs', 'spec');
export const OSCAL_SCHEMA = join(SPEC, 'oscal', 'oscal_assessment-results_schema.json');
export const SAMPLES = join(REPO, 'test', 'fixtures', 'samples');

export type SampleName = 'full' | 'clean';
export const SAMPLE_NAMES: readonly SampleName[] = ['full', 'clean'];

/** The bundle folder of a sample. */
export const sampleBundle = (name: SampleName): string => join(SAMPLES, name, 'bundle');
/** The expected results of a sample (statuses, evidence ids, event count). */
export const sampleExpected = (name: SampleName): string => join(SAMPLES, name, 'expected.json');
