/**
 * The study page's version history: changes over time of each source only, in words, every one of them reachable;
 * differences between the sources of one registration shown side by side as discrepancies.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyRegistration, type Registration } from '../model/registration.js';
import { freshSqlite } from '../store/testing.js';
import { renderStudy } from './study-page.js';

function nct(target: number, file: string, format: string): Registration {
  const r = emptyRegistration('NCT04280705', 'ClinicalTrials.gov', { format, file, recordId: 'NCT04280705' });
  r.titles.public = 'Adaptive COVID-19 Treatment Trial';
  r.enrollment.target = target;
  return r;
}

test('study page history: a second source is a first copy, not a deletion; every change of a source listed in words; sources side by side', async () => {
  const { store, done } = await freshSqlite();
  try {
    const ictrp1 = nct(10, '/srv/trialatlas/in/COVID19-web_29June2020.xlsx', 'ictrp-xlsx');
    ictrp1.eligibility.inclusion = ['Adults hospitalised with COVID-19'];
    ictrp1.contacts = [{ name: 'John Beigel', role: null, affiliation: 'NIAID', email: null, phone: null }];
    const ctgov = nct(12, '/srv/trialatlas/in/ctgov-covid-20200629.tsv', 'ctgov-tsv');
    ctgov.status.recruitment = 'recruiting';
    const ictrp2 = structuredClone(ictrp1);
    ictrp2.source.file = '/srv/trialatlas/in/COVID19-web_7Jul2020.xlsx';
    Object.assign(ictrp2.titles, { scientific: 'A Multicenter, Adaptive, Randomized Blinded Controlled Trial', acronym: 'ACTT' });
    Object.assign(ictrp2, { phase: '3', studyType: 'interventional', conditions: ['COVID-19'], countries: ['United States', 'Japan'] });
    ictrp2.design.allocation = 'randomized';
    ictrp2.enrollment.target = 1062;
    ictrp2.dates.start = '2020-02-21';
    ictrp2.eligibility.exclusion = ['Pregnancy'];
    ictrp2.raw = { 'Bridging flag truefalse': 'True' };
    await store.putBatch([ictrp1], { file: ictrp1.source.file!, format: 'ictrp-xlsx', exportedAt: null, ingestedAt: '2020-06-30T00:00:00Z' });
    await store.putBatch([ctgov], { file: ctgov.source.file!, format: 'ctgov-tsv', exportedAt: null, ingestedAt: '2020-06-30T00:00:01Z' });
    await store.putBatch([ictrp2], { file: ictrp2.source.file!, format: 'ictrp-xlsx', exportedAt: null, ingestedAt: '2020-07-08T00:00:00Z' });

    const { status, body } = await renderStudy(store, 'NCT04280705');
    assert.equal(status, 200);
    const history = body.slice(body.indexOf('id="hist-h"'), body.indexOf('id="sim-h"'));
    assert.match(history, /first copy from the WHO ICTRP export/);
    assert.match(history, /first copy from the ClinicalTrials\.gov download/);
    // before: the ClinicalTrials.gov download, lacking criteria and contacts, "deleted" them
    assert.doesNotMatch(history, /<b>Inclusion criteria<\/b>|<b>Contacts<\/b>/);
    // the ICTRP export's own change: 10 fields, each reachable, none cut short, no "… more"
    assert.match(history, /<details><summary>10 fields changed<\/summary>/);
    for (const words of ['<b>Target enrolment</b>: <del>10</del> → <ins>1062</ins>', '<b>Countries</b>: <del>not reported</del> → <ins>United States; Japan</ins>',
      '<b>Phase</b>: <del>not reported</del> → <ins>Phase 3</ins>', '<b>Allocation</b>: <del>not reported</del> → <ins>Randomized</ins>',
      '<b>Exclusion criteria</b>: <del>not reported</del> → <ins>Pregnancy</ins>']) assert.ok(history.includes(words), words);
    assert.doesNotMatch(history, /more<\/li>|raw\.|Bridging|\/srv\/|\{&quot;|\[&quot;/, 'no internals, no server paths, no JSON');
    assert.match(history, /<td>COVID19-web_7Jul2020\.xlsx<\/td>/);
    // the two sources' newest copies disagree: a discrepancy, shown side by side
    assert.match(history, /Where the sources of NCT04280705 disagree/);
    assert.match(history, /<th scope="row">Target enrollment<\/th><td>12<\/td><td>1062<\/td>/);
  } finally { await done(); }
});
