/** The FHIR R4 mapper: element names, code systems, status mapping, ids, bundles. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type RecruitmentStatus, emptyRegistration } from '../model/registration.js';
import { normaliseStatus } from '../normalise/status.js';
import { SHARED_STATUSES } from '../normalise/__fixtures__/shared-statuses.js';
import { FHIR_STATUS, fhirBundle, fhirId, idsFromFhirId, toBundle, toResearchStudy } from './fhir.js';

function sample() {
  const r = emptyRegistration('CTRI/2020/04/024773', 'CTRI', { url: 'http://ctri.nic.in/Clinicaltrials/pmaindet2.php?trialid=43230' });
  r.titles.public = 'Ayurveda for COVID-19';
  r.titles.acronym = 'AYUSH-C';
  r.status = { recruitment: 'not_yet_recruiting', raw: 'Not Yet Recruiting' };
  r.phase = '2_3';
  r.design.purpose = 'supportive_care';
  r.conditions = ['COVID-19'];
  r.interventions = [{ type: 'traditional_medicine', name: 'AYUSH-64', description: null, cellTherapy: null }];
  r.countries = ['India'];
  r.enrollment.target = 120;
  r.dates.start = '2020-05-01';
  r.sponsor.primary = 'CCRAS';
  r.secondaryIds = ['NCT09999999'];
  return r;
}

test('a registration as ResearchStudy', () => {
  const rs = toResearchStudy(sample());
  assert.equal(rs.resourceType, 'ResearchStudy');
  assert.equal(rs.id, 'CTRI-2020-04-024773', 'FHIR id alphabet');
  assert.equal(rs.status, 'approved');
  assert.deepEqual(rs.phase?.coding?.[0], { system: 'http://terminology.hl7.org/CodeSystem/research-study-phase', code: 'phase-2-phase-3', display: 'Phase 2/Phase 3' });
  assert.equal(rs.primaryPurposeType?.coding?.[0]?.code, 'supportive-care');
  assert.deepEqual(rs.identifier?.map((i) => [i.use, i.value]), [['official', 'CTRI/2020/04/024773'], ['secondary', 'NCT09999999']]);
  assert.deepEqual(rs.condition, [{ text: 'COVID-19' }]);
  assert.deepEqual(rs.focus, [{ text: 'AYUSH-64' }]);
  assert.deepEqual(rs.keyword, [{ text: 'AYUSH-C' }]);
  assert.deepEqual(rs.location, [{ text: 'India' }]);
  assert.deepEqual(rs.period, { start: '2020-05-01' });
  assert.equal(rs.sponsor?.display, 'CCRAS');
  const group = rs.contained?.[0];
  assert.equal(group?.resourceType, 'Group');
  assert.equal(group?.resourceType === 'Group' ? group.quantity : undefined, 120);
  assert.equal(rs.enrollment?.[0]?.reference, '#enrollment');
  assert.equal(rs.relatedArtifact?.[0]?.url, 'http://ctri.nic.in/Clinicaltrials/pmaindet2.php?trialid=43230');
  assert.ok(!JSON.stringify(rs).includes('null'), 'no nulls: FHIR omits absent elements');
});

test('statuses map to R4 ResearchStudy.status by meaning; the registry words stay in the extension', () => {
  const r = sample();
  const status = (recruitment: RecruitmentStatus | null, raw: string | null) => { r.status = { recruitment, raw }; return toResearchStudy(r).status; };
  // the finding: ICTRP "Not Recruiting" and EU "Authorised" came out as in-review, a protocol under ethics review
  assert.equal(status('other', 'Not Recruiting'), 'approved');
  assert.equal(status('other', 'Authorised'), 'approved');
  assert.equal(status('other', 'Ongoing'), 'approved');
  assert.equal(status('unknown', 'Unknown status'), 'approved');
  assert.ok(toResearchStudy(r).extension?.some((e) => e.valueString === 'Unknown status'));
  assert.equal(status('withdrawn', 'Recruiting'), 'withdrawn', 'withdrawn by the registry\'s title marker');
  assert.equal(status('not_yet_recruiting', 'Not yet recruiting'), 'approved');
  assert.equal(status('recruiting', 'Recruiting'), 'active');
  assert.equal(status('active_not_recruiting', 'Active, not recruiting'), 'closed-to-accrual');
  assert.equal(status('suspended', 'Suspended'), 'temporarily-closed-to-accrual');
  assert.equal(status('terminated', null), 'administratively-completed');
  assert.equal(status('completed', 'Completed'), 'completed');
  // in-review only where the registry says the protocol is under review
  assert.equal(status(null, 'Pending (ethics)'), 'in-review');
  assert.equal(status(null, 'Under ethics review'), 'in-review');
  assert.equal(status(null, null), 'approved');
  for (const s of ['not_yet_recruiting', 'recruiting', 'enrolling_by_invitation', 'active_not_recruiting', 'suspended', 'terminated', 'completed',
    'withdrawn', 'unknown', 'available', 'no_longer_available', 'approved_for_marketing', 'temporarily_not_available', 'withheld', 'other'] as const) {
    assert.notEqual(status(s, null), 'in-review', s);
  }
});

test('every status value of the shared files: FHIR by its SPEC meaning, never in-review', () => {
  const r = sample();
  for (const [raw, want] of SHARED_STATUSES) {
    r.status = normaliseStatus(raw);
    const got = toResearchStudy(r).status;
    assert.notEqual(got, 'in-review', raw);
    if (want !== 'other') assert.equal(got, FHIR_STATUS[want as RecruitmentStatus], raw);
  }
});

test('ids round-trip and bundles', () => {
  assert.equal(fhirId('NCT04252118'), 'NCT04252118');
  assert.ok(idsFromFhirId(fhirId('CTRI/2020/04/024773')).includes('CTRI/2020/04/024773'));
  const b = fhirBundle([sample()]);
  assert.equal(b.type, 'collection');
  assert.equal(b.total, undefined, 'total only on searchsets');
  // fullUrl is an absolute URL (R4 Bundle.entry.fullUrl); without a server, a stable urn:uuid
  assert.match(b.entry?.[0]?.fullUrl ?? '', /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(fhirBundle([sample()]).entry?.[0]?.fullUrl, b.entry?.[0]?.fullUrl, 'the same in every export');
  assert.equal(toBundle([toResearchStudy(sample())], { type: 'searchset', base: 'http://x/fhir' }).entry?.[0]?.fullUrl, 'http://x/fhir/ResearchStudy/CTRI-2020-04-024773');
  const s = toBundle([], { type: 'searchset', total: 0, base: 'http://x/fhir', self: 'http://x/fhir/ResearchStudy' });
  assert.equal(s.total, 0);
  assert.deepEqual(s.link, [{ relation: 'self', url: 'http://x/fhir/ResearchStudy' }]);
});
