import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeFindings } from '../../../shared/review/testing.js';
import { evidenceFileHashes } from './evidence-hashes.js';
import { sampleBundle } from '../../../../test/fixtures.js';

const BUNDLE = sampleBundle('full');

describe('evidence file hashes', () => {
  it('hashes exactly the files evidence names that the bundle holds', async () => {
    const f = makeFindings();
    // makeFindings names logs/2026-03.csv (present), logs/2026-05.jsonl (absent: the sample has .csv) and datasets.csv.
    const h = await evidenceFileHashes(f, BUNDLE);
    expect(Object.keys(h).sort()).toEqual(['datasets.csv', 'logs/2026-03.csv']);
    expect(h['logs/2026-03.csv']).toBe(createHash('sha256').update(readFileSync(join(BUNDLE, 'logs', '2026-03.csv'))).digest('hex'));
  });
});
