import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseRecruitment, normaliseStatus, withdrawalMarker } from './status.js';
import { SHARED_STATUSES } from './__fixtures__/shared-statuses.js';

test('ICTRP and registry status words → SPEC enum', () => {
  const cases: [string, string | null][] = [
    ['Recruiting', 'recruiting'], ['Not recruiting', 'other'], ['Not Recruiting', 'other'], ['Authorised', 'other'],
    ['Authorised-recruitment may be ongoing or finished', 'other'], ['Completed', 'completed'], ['Pending', 'not_yet_recruiting'],
    ['Not yet recruiting', 'not_yet_recruiting'], ['NOT_YET_RECRUITING', 'not_yet_recruiting'],
    ['ACTIVE_NOT_RECRUITING', 'active_not_recruiting'], ['Active, not recruiting', 'active_not_recruiting'],
    ['ENROLLING_BY_INVITATION', 'enrolling_by_invitation'], ['Enrolling by invitation', 'enrolling_by_invitation'],
    ['SUSPENDED', 'suspended'], ['Temporarily Halted', 'suspended'], ['TERMINATED', 'terminated'],
    ['Prematurely Ended', 'terminated'], ['Stopped early', 'terminated'], ['WITHDRAWN', 'withdrawn'],
    ['Not Authorised', 'withdrawn'], ['UNKNOWN', 'unknown'], ['Unknown status', 'unknown'], ['AVAILABLE', 'available'],
    ['No longer available', 'no_longer_available'], ['Temporarily not available', 'temporarily_not_available'],
    ['Approved for marketing', 'approved_for_marketing'], ['WITHHELD', 'withheld'],
    ['Open to Recruitment', 'recruiting'], ['Closed to Recruitment of Participants', 'active_not_recruiting'],
    ['Recruiting complete, study complete', 'completed'], ['Recruiting ongoing', 'recruiting'],
    ['Recruiting planned', 'not_yet_recruiting'], ['Complete: follow-up complete', 'completed'],
    ['Closed: follow-up continuing', 'active_not_recruiting'], ['Recruitment complete', 'active_not_recruiting'],
    ['Not Available', 'other'], ['', null], ['gibberish', null],
  ];
  for (const [s, want] of cases) assert.equal(normaliseRecruitment(s), want, s);
});

test('normaliseStatus keeps the raw words', () => {
  assert.deepEqual(normaliseStatus(' Not  Recruiting '), { recruitment: 'other', raw: 'Not Recruiting' });
  assert.deepEqual(normaliseStatus(''), { recruitment: null, raw: null });
});

test('status words of other languages: ChiCTR Chinese, DRKS German, Spanish, French, Portuguese', () => {
  const cases: [string, string | null][] = [
    ['正在进行', 'recruiting'], ['招募中', 'recruiting'], ['尚未开始', 'not_yet_recruiting'], ['已完成', 'completed'],
    ['暂停', 'suspended'], ['提前终止', 'terminated'], ['撤回', 'withdrawn'],
    ['Rekrutierung läuft', 'recruiting'], ['Rekrutierung noch nicht begonnen', 'not_yet_recruiting'],
    ['Rekrutierung abgeschlossen, Studie abgeschlossen', 'completed'],
    ['Rekrutierung abgeschlossen, Nachbeobachtung läuft', 'active_not_recruiting'], ['Rekrutierung vorzeitig beendet', 'terminated'],
    ['Reclutando', 'recruiting'], ['Reclutamiento cerrado', 'active_not_recruiting'], ['Pendiente', 'not_yet_recruiting'],
    ['Completado', 'completed'], ['Suspendido', 'suspended'], ['Recrutement en cours', 'recruiting'], ['Recrutando', 'recruiting'],
  ];
  for (const [raw, want] of cases) assert.equal(normaliseRecruitment(raw), want, raw);
});

test('every status value of the shared files maps by its registry meaning', () => {
  for (const [raw, want, meaning] of SHARED_STATUSES) assert.equal(normaliseRecruitment(raw), want, `${raw} (${meaning})`);
});

test('withdrawal markers at the start of a title (ChiCTR), and titles that merely start with the word', () => {
  const cases: [string | null, string | null][] = [
    ['Cancelled by the investigator A randomized, double-blind trial', 'Cancelled by the investigator'],
    ['Cancelled by investigator Single arm study for X', 'Cancelled by investigator'],
    ['Cancelled due to lack of patient A Medical Records Based Study', 'Cancelled due to lack of patient'],
    ['Cancelled, due to modify the protocol A single-center study', 'Cancelled, due to modify the protocol'],
    ['Retracted due to lack of participants A multicenter trial', 'Retracted due to lack of participants'],
    ['[Withdrawn] Study of X', 'Withdrawn'],
    ['Cancelled Elective Surgery During COVID-19', null], ['Withdrawal of ACE inhibitors', null],
    ['Impact of Cancellation of Non-urgent Surgical Procedures', null], ['Stopping ACE-inhibitors in COVID-19', null], [null, null],
  ];
  for (const [title, want] of cases) assert.equal(withdrawalMarker(title), want, String(title));
});
