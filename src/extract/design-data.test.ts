/**
 * Every real ICTRP `Study design` string of a 2020 export through the design extractor: whenever a registry states
 * allocation or masking in its own labelled form, the extractor must read it (coverage), and an extraction run twice
 * changes nothing (idempotent, no duplicate provenance).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import { extracted } from './__fixtures__/registrations.js';
import { extract } from './index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CSV = path.resolve(ROOT, '../shared/data/ictrp/COVID19-1135-trials_15Apr2020.csv');

/** Registry wordings that state allocation / masking outright. */
const STATES_ALLOCATION = /\ballocation\s*:\s*(?!N\/A)\w|\brandomi[sz]ed\s*:\s*(?:yes|no)|\brandomised\s*:\s*(?:yes|no)|\brandomization\s*:\s*(?:randomi|not)|^(?:randomi[sz]ed|non[-\s]randomi[sz]ed|single arm)/i;
const STATES_MASKING = /\bmasking\s*:\s*(?:none|single|double|triple|quadruple|open|blinded)|\bblinding\s*:\s*(?:not|single|double|triple)|double blind\s*:\s*yes|single blind\s*:\s*yes|open\s*:\s*yes|blinding and masking\s*:\s*(?:open|participant|investigator|outcome)/i;

test('real ICTRP design strings: labelled allocation and masking are always read', { skip: !existsSync(CSV) && 'needs ../shared (data/ictrp)' }, async () => {
  let alloc = 0;
  let mask = 0;
  const missed: string[] = [];
  for await (const row of createReadStream(CSV).pipe(parse({ columns: true, bom: true, relax_quotes: true })) as AsyncIterable<Record<string, string>>) {
    const design = (row['Study design'] ?? '').replace(/<br>/g, '\n');
    const reg = extracted({ design, title: row['Scientific title'] });
    if (STATES_ALLOCATION.test(design.trim())) {
      alloc++;
      if (reg.design.allocation == null) missed.push(`allocation: ${design.slice(0, 100)}`);
    }
    if (STATES_MASKING.test(design)) {
      mask++;
      if (reg.design.masking == null) missed.push(`masking: ${design.slice(0, 100)}`);
    }
    const again = reg.extracted!.length;
    extract(reg);
    assert.equal(reg.extracted!.length, again, `second run added provenance for ${row.TrialID}`);
  }
  assert.ok(alloc > 200 && mask > 150, `labelled designs seen: allocation ${alloc}, masking ${mask}`);
  assert.deepEqual(missed, []);
});
