/**
 * Every status value of the shared data files (data/ictrp, data/ctgov-tsv, data/native; listed by
 * src/invariants.test.ts, which fails on a value missing here), mapped by the meaning its registry gives it.
 */
export const SHARED_STATUSES: [raw: string, want: string, meaning: string][] = [
  ['Recruiting', 'recruiting', 'ClinicalTrials.gov and ICTRP: participants are being recruited'],
  ['Not yet recruiting', 'not_yet_recruiting', 'ClinicalTrials.gov: participants are not yet being recruited'],
  ['Active, not recruiting', 'active_not_recruiting', 'ClinicalTrials.gov: ongoing, participants treated or examined, none recruited'],
  ['Enrolling by invitation', 'enrolling_by_invitation', 'ClinicalTrials.gov: participants selected from a predetermined population'],
  ['Completed', 'completed', 'ClinicalTrials.gov: ended normally, last participant\'s last visit done'],
  ['Suspended', 'suspended', 'ClinicalTrials.gov: halted, may resume'],
  ['Terminated', 'terminated', 'ClinicalTrials.gov: halted early, will not resume'],
  ['Withdrawn', 'withdrawn', 'ClinicalTrials.gov: stopped before enrolling its first participant'],
  ['Available', 'available', 'ClinicalTrials.gov expanded access: available'],
  ['No longer available', 'no_longer_available', 'ClinicalTrials.gov expanded access: no longer available'],
  ['Approved for marketing', 'approved_for_marketing', 'ClinicalTrials.gov expanded access: approved for marketing'],
  // no SPEC meaning (see the header of status.ts): recruitment not open now, whether not yet or no longer
  ['Not recruiting', 'other', 'ICTRP: every status but recruiting (ClinicalTrials.gov rows of 7 July 2020: not yet recruiting, completed, active…)'],
  ['Not Recruiting', 'other', 'ICTRP: the same, as it writes it for the other registries'],
  // no SPEC meaning: authorised in the member state and not ended; recruitment not stated
  ['Authorised', 'other', 'EU CTR via ICTRP: "Authorised-recruitment may be ongoing or finished"'],
  ['Ongoing', 'other', 'EU CTR: authorised and not ended in this member state'],
];

/** The raw statuses allowed to land in `other`: the ones whose registry meaning spans several SPEC values. */
export const NO_SPEC_MEANING = new Set(SHARED_STATUSES.filter(([, want]) => want === 'other').map(([raw]) => raw.toLowerCase()));
