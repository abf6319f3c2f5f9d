/**
 * Recruitment status of every registry → SPEC `status.recruitment`; the registry's own words are kept in `raw`.
 *
 * Choices worth knowing: ICTRP's `Not recruiting` says only that recruitment is not open (not yet, or closed), and
 * EU CTR's `Authorised` / `Ongoing` say nothing about recruitment: both map to `other` (raw kept). ChiCTR / JPRN /
 * NTR `Pending` and JPRN `Preinitiation` mean not yet recruiting.
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
