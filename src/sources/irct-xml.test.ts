/** irct-xml: the IRCT trial XML download, detected and read into the canonical record through the ICTRP mapping. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inputFromBuffer } from './input.js';
import { detectFormat } from './index.js';
import { irctXml } from './irct-xml.js';
import type { ParseItem } from './types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FILE = path.join(ROOT, 'src/sources/__fixtures__/irct/irct-trial.xml');

async function parse(name: string, buf: Buffer): Promise<ParseItem[]> {
  const out: ParseItem[] = [];
  for await (const it of irctXml.parse(await inputFromBuffer(name, buf))) out.push(it);
  return out;
}

test('an IRCT XML download is detected as irct-xml and read field by field', async () => {
  const buf = readFileSync(FILE);
  assert.equal(detectFormat(await inputFromBuffer('irct-trial.xml', buf))?.id, 'irct-xml');
  const items = await parse('irct-trial.xml', buf);
  assert.equal(items.length, 1);
  const it = items[0]!;
  assert.equal(it.kind, 'record');
  if (it.kind !== 'record') return;
  const r = it.record;
  assert.equal(r.id, 'IRCT20200321046843N3');
  assert.equal(r.registry, 'IRCT');
  assert.equal(r.source.format, 'irct-xml');
  assert.equal(r.source.url, 'https://en.irct.ir/trial/47512');
  assert.equal(r.titles.public, 'Stem cells for severe COVID-19');
  assert.equal(r.titles.scientific, "Safety and efficacy of intravenous Wharton's jelly derived mesenchymal stem cells in patients with severe COVID-19");
  assert.equal(r.sponsor.primary, 'Shahid Beheshti University of Medical Sciences');
  assert.deepEqual(r.status, { recruitment: 'completed', raw: 'Complete' });
  assert.equal(r.studyType, 'interventional');
  assert.equal(r.phase, '2_3');
  assert.equal(r.design.raw, 'Randomization: Randomized, Blinding: Double blinded, Placebo: Used, Assignment: Parallel, Purpose: Treatment.');
  assert.equal(r.enrollment.target, 40);
  assert.equal(r.dates.registration, '2020-05-12');
  assert.equal(r.dates.start, '2020-05-20');
  assert.equal(r.eligibility.minAgeYears, 18);
  assert.equal(r.eligibility.maxAgeYears, 65);
  assert.equal(r.eligibility.sex, 'all');
  assert.deepEqual(r.conditions, ['Severe COVID-19 pneumonia.']);
  assert.deepEqual(r.countries, ['Iran']);
  assert.deepEqual(r.secondaryIds, ['NCT04390139']);
  assert.equal(r.contacts.length, 1);
  assert.equal(r.contacts[0]!.email, 'm.ahmadi@example.ir');
  assert.equal(r.contacts[0]!.phone, '+98 21 2243 0000');
  assert.equal(r.outcomes.primary[0]!.measure.startsWith('Mortality rate'), true);
  assert.equal(r.outcomes.secondary.length, 1);
});

test('a truncated IRCT XML download yields an error naming the file and position', async () => {
  const buf = readFileSync(FILE);
  const cut = buf.subarray(0, buf.indexOf('<criteria>'));
  const items = await parse('cut.xml', Buffer.concat([cut, Buffer.from('<oops></trial>')]));
  const errors = items.filter((i) => i.kind === 'error');
  assert.ok(errors.length >= 1);
  if (errors[0]!.kind === 'error') {
    assert.equal(errors[0]!.issue.file, 'cut.xml');
    assert.match(errors[0]!.issue.position, /line \d+/);
  }
});
