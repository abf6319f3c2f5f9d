/**
 * Linking on real data: the development gold (shared/gold/linking-dev.csv) after ingesting the 7 July 2020 ICTRP
 * export and ClinicalTrials.gov download through the real pipeline. Floors sit just under what `npm run
 * eval:linking` reports (P 0.776, R 0.974 — most "false positives" are twin registrations the gold lacks: same
 * title, sponsor, target and contact e-mail), so a regression in evidence, blocking or clustering fails here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../store/index.js';
import { ingest } from '../pipeline/ingest.js';
import { EVAL_FILES, pairwise, readGold } from './eval-linking.js';
import { idKey } from './evidence.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const GOLD = path.resolve(ROOT, '../shared/gold/linking-dev.csv');
const skip = !(existsSync(GOLD) && EVAL_FILES.every((f) => existsSync(f))) && 'needs ../shared (gold/linking-dev.csv and the 7 July 2020 exports)';

test('linking the 7 July 2020 exports agrees with the development gold', { skip }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'trialatlas-linktest-'));
  const store = await openStore(path.join(dir, 'link.db'));
  try {
    const summary = await ingest(store, EVAL_FILES, { onIssue: () => {} });
    assert.equal(summary.rejected, 0);
    const groupOf = new Map<string, string>();
    for await (const s of store.studies()) for (const id of s.registrationIds) groupOf.set(idKey(id), s.studyId);
    const result = pairwise(readGold(readFileSync(GOLD, 'utf8')), groupOf);
    assert.ok(result.tp + result.fn >= 30, `gold pairs present in the data: ${result.tp + result.fn}`);
    assert.ok(result.recall >= 0.9, `recall ${result.recall.toFixed(3)} (TP ${result.tp}, FN ${result.fn})`);
    assert.ok(result.precision >= 0.75, `precision ${result.precision.toFixed(3)} (TP ${result.tp}, FP ${result.fp})`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
