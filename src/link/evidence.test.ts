import { test } from 'node:test';
import assert from 'node:assert/strict';
import { certainLinks, idKey, mentionedIds, sameIdLinks } from './evidence.js';
import { reg } from './__fixtures__/registrations.js';

test('secondary ids give secondary_id links, directed from the registration that names them', () => {
  const r = reg('NCT04341038', 'ClinicalTrials.gov', { secondaryIds: ['EUCTR2020-001445-39'] });
  const links = certainLinks(r);
  assert.deepEqual(links.map((l) => [l.a, l.b, l.method, l.score]), [['NCT04341038', 'EUCTR2020-001445-39', 'secondary_id', 1]]);
  assert.match(links[0]!.evidence!, /secondaryIds/);
});

test('a registry number written in a title or description is a text_mention with its context', () => {
  const r = reg('ChiCTR2000030261', 'ChiCTR', {
    publicTitle: 'Exosome atomization in COVID-19',
    description: 'This study is also registered at ClinicalTrials.gov as NCT 04276987 and runs in Wuhan.',
  });
  const m = mentionedIds(r);
  assert.equal(m.length, 1);
  assert.equal(m[0]!.id, 'NCT04276987');
  assert.equal(m[0]!.method, 'text_mention');
  assert.equal(m[0]!.field, 'description.brief');
  assert.match(m[0]!.context, /registered at ClinicalTrials\.gov/);
});

test('its own number is never evidence, whatever the spelling', () => {
  const r = reg('NCT04276987', 'ClinicalTrials.gov', { publicTitle: 'Trial nct04276987 of something' });
  assert.deepEqual(certainLinks(r), []);
});

test('a reference naming one trial links; a pooled reference naming two does not', () => {
  const r = reg('ISRCTN83971151', 'ISRCTN');
  r.references.push(
    { type: 'result', citation: 'Smith J. Results. TRIAL REGISTRATION: ChiCTR2000030261', title: null, authors: [], journal: null, year: 2020, pmid: '1', doi: null },
    { type: 'result', citation: 'Pooled analysis of NCT04280705 and NCT04292730', title: null, authors: [], journal: null, year: 2020, pmid: '2', doi: null },
  );
  const ids = mentionedIds(r).map((m) => [m.id, m.field]);
  assert.deepEqual(ids, [['ChiCTR2000030261', 'references[0]']]);
});

test('EU CTR member-state rows and prefixed Japanese numbers compare as one number', () => {
  assert.equal(idKey('JPRN-UMIN000039686'), idKey('UMIN000039686'));
  assert.equal(idKey('ChiCTR2000030261'), idKey('CHICTR2000030261'));
  const links = sameIdLinks(['JPRN-UMIN000039686', 'UMIN000039686', 'NCT04276987']);
  assert.equal(links.length, 1);
  assert.equal(links[0]!.method, 'same_id');
});
