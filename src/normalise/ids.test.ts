import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import { emptyRegistration } from '../model/registration.js';
import { collectSecondaryIds, findTrialIds, normaliseTrialId, registryOfId, sameTrialId } from './ids.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHARED = path.resolve(ROOT, '../shared');

test('normaliseTrialId: every registry numbering, canonical form and registry', () => {
  const cases: [string, string, string, string?][] = [
    ['NCT04252118', 'NCT04252118', 'ClinicalTrials.gov'],
    ['nct 04252118', 'NCT04252118', 'ClinicalTrials.gov'],
    ['ChiCTR2000030261', 'ChiCTR2000030261', 'ChiCTR'],
    ['CHICTR2000030261', 'ChiCTR2000030261', 'ChiCTR'],
    ['ChiCTR-IPR-17011234', 'ChiCTR-IPR-17011234', 'ChiCTR'],
    ['chictr-opc-16008765', 'ChiCTR-OPC-16008765', 'ChiCTR'],
    ['EUCTR2020-001162-12-FR', 'EUCTR2020-001162-12', 'EUCTR', 'FR'],
    ['EUCTR2020-001162-12-3RD', 'EUCTR2020-001162-12', 'EUCTR', '3RD'],
    ['EUCTR2020-001162-12', 'EUCTR2020-001162-12', 'EUCTR'],
    ['EUCTR2016-003004-31-Outside-EU/EEA', 'EUCTR2016-003004-31', 'EUCTR', 'Outside-EU/EEA'],
    ['2020-001162-12', 'EUCTR2020-001162-12', 'EUCTR'],
    ['EudraCT No. 2020-001162-12', 'EUCTR2020-001162-12', 'EUCTR'],
    ['2022-500014-26-00', '2022-500014-26-00', 'CTIS'],
    ['IRCT20200405046953N1', 'IRCT20200405046953N1', 'IRCT'],
    ['irct201003223602n2', 'IRCT201003223602N2', 'IRCT'],
    ['JPRN-UMIN000039686', 'JPRN-UMIN000039686', 'JPRN'],
    ['UMIN000039686', 'JPRN-UMIN000039686', 'JPRN'],
    ['jRCT2031200143', 'JPRN-jRCT2031200143', 'JPRN'],
    ['JPRN-jRCTs031200020', 'JPRN-jRCTs031200020', 'JPRN'],
    ['JapicCTI-205238', 'JPRN-JapicCTI-205238', 'JPRN'],
    ['ISRCTN83971151', 'ISRCTN83971151', 'ISRCTN'],
    ['CTRI/2020/04/024773', 'CTRI/2020/04/024773', 'CTRI'],
    ['DRKS00021238', 'DRKS00021238', 'DRKS'],
    ['ACTRN12620000421932', 'ACTRN12620000421932', 'ANZCTR'],
    ['NTR8491', 'NTR8491', 'NTR'],
    ['NL8491', 'NL8491', 'NTR'],
    ['RBR-4DQGMN', 'RBR-4dqgmn', 'ReBEC'],
    ['RPCEC00000309', 'RPCEC00000309', 'RPCEC'],
    ['TCTR20200404002', 'TCTR20200404002', 'TCTR'],
    ['PACTR202003855048416', 'PACTR202003855048416', 'PACTR'],
    ['KCT0005001', 'KCT0005001', 'CRiS'],
    ['LBCTR2020043495', 'LBCTR2020043495', 'LBCTR'],
    ['SLCTR/2020/011', 'SLCTR/2020/011', 'SLCTR'],
    ['PER-034-20', 'PER-034-20', 'REPEC'],
    ['ITMCTR2024000123', 'ITMCTR2024000123', 'ITMCTR'],
  ];
  for (const [raw, id, registry, suffix] of cases) {
    const got = normaliseTrialId(raw);
    assert.ok(got, raw);
    assert.equal(got.id, id, raw);
    assert.equal(got.registry, registry, raw);
    assert.equal(got.suffix, suffix, raw);
  }
  for (const junk of ['', 'hello', 'NCT0425211', 'NCT042521189', 'Phase 2', '2020-02-17', 'per 100 20']) {
    assert.equal(normaliseTrialId(junk), null, junk);
  }
});

test('registryOfId and sameTrialId', () => {
  assert.equal(registryOfId('JPRN-UMIN000039686'), 'JPRN');
  assert.equal(registryOfId('CTRI/2020/04/024773'), 'CTRI');
  assert.equal(registryOfId('XYZ123'), null);
  assert.equal(sameTrialId('EUCTR2020-001162-12-FR', 'eudract 2020-001162-12'), true);
  assert.equal(sameTrialId('UMIN000039686', 'JPRN-UMIN000039686'), true);
  assert.equal(sameTrialId('NCT04252118', 'NCT04252119'), false);
});

test('findTrialIds in free text: spaces, case, punctuation around, each number once', () => {
  const text = 'Registered (NCT 04252118); EudraCT no. 2020-001162-12-ES, also nct04252118. See ISRCTN83971151/'
    + 'DRKS00021238, jrct2031200143 and CTRI/2020/04/024773. Dose 200 mg per 100 20 mL, tel 2020-0011-62.';
  assert.deepEqual(findTrialIds(text), [
    'NCT04252118', 'EUCTR2020-001162-12', 'ISRCTN83971151', 'DRKS00021238', 'JPRN-jRCT2031200143', 'CTRI/2020/04/024773',
  ]);
  assert.deepEqual(findTrialIds('CTIS 2022-500014-26-00'), ['2022-500014-26-00']);
  // a CTIS number (YYYY-5NNNNN-NN-NN) is not read as the EudraCT number (YYYY-NNNNNN-NN) it starts with
  assert.deepEqual(findTrialIds('EU CT 2023-505678-22-00; EudraCT 2020-005123-41'), ['2023-505678-22-00', 'EUCTR2020-005123-41']);
  assert.deepEqual(findTrialIds(null), []);
});

test('collectSecondaryIds scans every text field, excludes the own id, keeps existing ones', () => {
  const reg = emptyRegistration('EUCTR2020-001162-12', 'EUCTR', {
    recordId: 'EUCTR2020-001162-12-FR', url: 'https://www.clinicaltrialsregister.eu/ctr-search/search?query=eudract_number:2020-001162-12',
  });
  reg.secondaryIds = ['nct04315948'];
  reg.titles.scientific = 'DisCoVeRy (NCT04315948, ISRCTN 83971151)';
  reg.eligibility.inclusion = ['Not enrolled in ChiCTR2000030261'];
  reg.warnings = ['row mentions NCT99999999'];
  assert.deepEqual(collectSecondaryIds(reg), ['NCT04315948', 'ISRCTN83971151', 'ChiCTR2000030261']);
});

test('every TrialID in the ICTRP CSV exports and the design gold normalises', { skip: !existsSync(SHARED) && 'needs ../shared (ICTRP exports)' }, async () => {
  const files = [
    'data/ictrp/COVID19-927-trials_7Apr2020.csv', 'data/ictrp/COVID19-1135-trials_15Apr2020.csv', 'gold/design-dev-ictrp.csv',
  ];
  const registries = new Set<string>();
  let n = 0;
  for (const f of files) {
    const rows = createReadStream(path.join(SHARED, f)).pipe(parse({ columns: true, bom: true, relax_quotes: true }));
    for await (const row of rows as AsyncIterable<Record<string, string>>) {
      const raw = row.TrialID.trim();
      if (!raw) continue;
      const got = normaliseTrialId(raw);
      assert.ok(got, `${f}: TrialID ${raw} not recognised`);
      registries.add(got.registry);
      n++;
    }
  }
  assert.ok(n > 2500, `read ${n} TrialIDs`);
  assert.ok(registries.size >= 15, [...registries].join(','));
});

test('every id in the linking gold normalises to itself', { skip: !existsSync(SHARED) && 'needs ../shared (gold)' }, async () => {
  const rows = createReadStream(path.join(SHARED, 'gold/linking-dev.csv')).pipe(parse({ columns: true, bom: true }));
  let n = 0;
  const unknown: string[] = [];
  for await (const row of rows as AsyncIterable<Record<string, string>>) {
    const got = normaliseTrialId(row.trn);
    if (!got) unknown.push(row.trn);
    else assert.equal(got.id.toLowerCase(), row.trn.trim().toLowerCase(), row.trn);
    n++;
  }
  assert.ok(n > 100);
  assert.deepEqual(unknown, []);
});
