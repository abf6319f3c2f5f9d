/**
 * Recruitment status of every registry → SPEC `status.recruitment`; the registry's own words are kept in `raw`.
 * Each value is mapped by the meaning its registry gives it (ClinicalTrials.gov's status definitions, ISRCTN's
 * ongoing/completed/stopped, ANZCTR's recruitment statuses, DRKS, EU CTR's trial statuses, ICTRP's two-valued
 * export column); status.test.ts lists every status value of the shared data files and pins its mapping.
 *
 * Two values of the shared files have no SPEC meaning and stay `other` (raw kept):
 *  - ICTRP's `Not recruiting` / `Not Recruiting`: ICTRP folds every status but "recruiting" into it. On the same day
 *    (7 July 2020) ICTRP's `Not recruiting` ClinicalTrials.gov rows are, in ClinicalTrials.gov's own download, Not
 *    yet recruiting (694), Completed (177), Active, not recruiting (112), Withdrawn (18), Available, Suspended,
 *    Terminated…: it says recruitment is not open now, not whether it has yet to start or has ended.
 *  - EU CTR's `Authorised` (ICTRP: "Authorised-recruitment may be ongoing or finished") and `Ongoing`: the trial is
 *    authorised in that member state and has not ended; recruitment is not stated.
 * ChiCTR / JPRN / NTR `Pending` and JPRN `Preinitiation` mean not yet recruiting.
 *
 * A registry's own withdrawal marker outside the status field — ChiCTR prefixes the public title of a registration
 * it cancels ("Cancelled by the investigator …", "Cancelled due to lack of patients …") and leaves the status as
 * it was — is read by `withdrawalMarker` (the extraction stage turns it into `withdrawn`, ../extract/status.ts).
 */
import type { RecruitmentStatus, Status } from '../model/registration.js';

/**
 * Other languages' status words (ChiCTR's Chinese-only pages, DRKS in German, Spanish/French/Portuguese registries) →
 * the English wording the rules below know. Checked first, on the same lower-cased text.
 */
const FOREIGN: [RegExp, RecruitmentStatus][] = [
  [/^(?:尚未开始|尚未招募|未开始招募|rekrutierung (?:noch )?nicht (?:begonnen|gestartet)|noch nicht rekrutierend|a[uú]n no (?:se ha iniciado el )?reclut|no iniciado|pendiente|pas encore (?:en )?recrut|ainda n[aã]o (?:iniciad|recrutand))/, 'not_yet_recruiting'],
  [/^(?:rekrutierung (?:abgeschlossen|beendet),? (?:nachbeobachtung|follow-up) (?:l[aä]uft|andauernd)|reclutamiento cerrado|recrutement (?:termin[eé]|clos)|recrutamento (?:encerrado|fechado))/, 'active_not_recruiting'],
  [/^(?:招募中|正在招募|正在进行|进行中|rekrutierung l[aä]uft|rekrutierend|reclutando|en reclutamiento|reclutamiento abierto|abierto|recrutement en cours|en cours de recrutement|recrutando|recrutamento aberto|em recrutamento)$/, 'recruiting'],
  [/^(?:暂停|rekrutierung (?:unterbrochen|ausgesetzt)|suspendido|suspendu|suspenso)/, 'suspended'],
  [/^(?:提前终止|终止|rekrutierung vorzeitig beendet|vorzeitig beendet|abgebrochen|interrumpido|arr[eê]t[eé] pr[eé]matur[eé]ment|interrompido)/, 'terminated'],
  [/^(?:撤回|已撤销|zur[uü]ckgezogen|retirado|retir[eé]|cancelado|annul[eé])/, 'withdrawn'],
  [/^(?:已完成|完成|结束|rekrutierung (?:abgeschlossen|beendet),? studie (?:abgeschlossen|beendet)|studie abgeschlossen|abgeschlossen|completado|finalizado|conclu[ií]do|termin[eé]e?)$/, 'completed'],
];

/** First rule whose pattern matches the lower-cased, space-collapsed text wins. */
const RULES: [RegExp, RecruitmentStatus][] = [
  [/^(?:not[\s_]yet[\s_]recruiting|pending|preinitiation|pre-initiation|recruiting planned|not yet open|planned|pending \(not yet recruiting\)|not yet recruiting|authorised[\s,-]+not yet recruiting)\b/, 'not_yet_recruiting'],
  [/^(?:enrolling[\s_]by[\s_]invitation)$/, 'enrolling_by_invitation'],
  [/^(?:active[\s_,]+not[\s_]recruiting|closed: follow-up continuing|recruiting complete,? follow-up continuing|complete: follow-up continuing|no longer recruiting|closed to recruitment(?: of participants)?|recruitment (?:complete|completed|closed)|restarted)\b/, 'active_not_recruiting'],
  [/^(?:temporarily[\s_]not[\s_]available)$/, 'temporarily_not_available'],
  [/^(?:no[\s_]longer[\s_]available)$/, 'no_longer_available'],
  [/^(?:approved[\s_]for[\s_]marketing)$/, 'approved_for_marketing'],
  [/^(?:available)$/, 'available'],
  [/^(?:withheld)$/, 'withheld'],
  [/^(?:recruiting|open to recruitment|recruitment ongoing|recruiting ongoing|open|ongoing,? recruiting|in recruitment)$/, 'recruiting'],
  [/^(?:suspended|temporarily halted|temporarily closed|suspended by ca|halted)\b/, 'suspended'],
  [/^(?:terminated|stopped early|prematurely ended|recruiting stopped after recruiting started|stopped|closed: stopped early|early termination)\b/, 'terminated'],
  [/^(?:withdrawn|recruiting withdrawn before recruiting started|not authorised|prohibited by ca|cancelled|canceled|withdrawn before recruitment)\b/, 'withdrawn'],
  [/^(?:completed?|closed: follow-up complete|complete: follow-up complete|recruiting complete,? study complete|study completed?|main results already published|completed: follow-up complete|finished|ended)\b/, 'completed'],
  [/^(?:unknown(?: status)?|status unknown)$/, 'unknown'],
  [/^(?:not recruiting|authori[sz]ed(?:-recruitment may be ongoing or finished)?|ongoing|not available|other|closed)\b/, 'other'],
];

/** The registry's status words → SPEC enum (null when the text is empty or unknown to us). */
export function normaliseRecruitment(value: string | null | undefined): RecruitmentStatus | null {
  if (value == null) return null;
  const s = value.replace(/_x000D_|<br\s*\/?>/gi, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
  if (s === '') return null;
  for (const [re, status] of [...FOREIGN, ...RULES]) if (re.test(s)) return status;
  return null;
}

/** `{recruitment, raw}` as the canonical record holds it. */
export function normaliseStatus(value: string | null | undefined): Status {
  const raw = value == null ? null : value.replace(/_x000D_/gi, '').replace(/\s+/g, ' ').trim() || null;
  return { recruitment: normaliseRecruitment(raw), raw };
}

/**
 * The withdrawal marker a registry puts at the start of a title, or null: `Cancelled by the investigator`,
 * `Cancelled by investigator`, `Cancelled due to lack of patients`, `Cancelled, due to modify the protocol`,
 * `Retracted due to lack of participants`, `[Withdrawn]`. A title that merely begins with such a word ("Cancelled
 * Elective Surgery and …", "Withdrawal of …") is no marker: the word must be followed by who cancelled, why, or a
 * separator.
 */
const WITHDRAWAL_MARKER = /^\s*[[(【]?\s*((?:cancell?ed|retracted|withdrawn|revoked)(?:\s+by\s+(?:the\s+)?(?:investigators?|sponsors?|applicants?|registrants?|researchers?|registry)\b|\s*,?\s*due\s+to(?:\s+[\w-]+){1,3}|\s*[\])】:;,–—-]))/i;

export function withdrawalMarker(title: string | null | undefined): string | null {
  const m = title ? WITHDRAWAL_MARKER.exec(title) : null;
  return m ? m[1]!.replace(/[\s\])】:;,–—-]+$/, '').trim() : null;
}
