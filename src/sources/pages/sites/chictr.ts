/** Site profile: ChiCTR (bilingual) trial pages, and the `Label:` / value pair joining they need. */
import type { SiteProfile } from './profile.js';
import { fieldOfLabel } from '../vocabulary.js';
import { BLOCK_END } from '../blocks.js';

/**
 * Pages laid out as `Label:` alone on a line with the value on the next (ChiCTR, ITMCTR): join each pair into
 * `Label: value` so unknown labels cannot run into the value of the block above; labels with no value are dropped.
 * Lines wrapped inside a label (`Collecting sample(s)` / `from participants:`) are joined first.
 */
export function joinColonPairs(lines: string[], chineseOnly = false): string[] {
  const isLabel = (l: string | undefined): boolean => l !== undefined && /[:：]$/.test(l) && l.length <= 160;
  const isPair = (l: string | undefined): boolean => l !== undefined
    && (/^[A-Z][^:：]{1,60}[:：]\s+\S/.test(l) || (chineseOnly && /^[\u3400-\u9fff][^:：]{0,30}[:：]\s*\S/.test(l)));
  // 1. labels wrapped over two lines (`Collecting sample(s)` / `from participants:`)
  const src = lines.filter((l) => l !== '');
  const ls: string[] = [];
  for (let i = 0; i < src.length; i++) {
    const l = src[i]!;
    const next = src[i + 1];
    if (!isLabel(l) && isLabel(next) && l.length <= 40 && /^[A-Z][\w ()/-]*$/.test(l) && /^[a-z(]/.test(next!)) { ls.push(`${l} ${next}`); i++; } else ls.push(l);
  }
  // 2. label + value lines → `Label: value`
  const out: string[] = [];
  // the value under the Chinese twin just passed: an English label left blank (`Primary sponsor:` / nothing) has only that
  let twin: string[] = [];
  for (let i = 0; i < ls.length; i++) {
    const l = ls[i]!;
    if (!isLabel(l)) { out.push(l); twin = []; continue; }
    const label = l.replace(/[:：]$/, '');
    const values: string[] = [];
    if (chineseOnly) {
      // a Chinese-only page (no English twins): every label is the field's own, its value the lines up to the next label
      while (i + 1 < ls.length && !isLabel(ls[i + 1]) && !isPair(ls[i + 1])) values.push(ls[++i]!);
      if (values.length) out.push(`${label}: ${values[0]}`, ...values.slice(1));
      continue;
    }
    if (CJK_LINE.test(label)) {
      // the Chinese twin of an English label, and its value (Chinese lines, or a number like a group's sample size):
      // dropped up to the next label — one with a colon, or an English label a page writes bare (`Inclusion criteria`)
      twin = [];
      while (i + 1 < ls.length && !isLabel(ls[i + 1]) && !isPair(ls[i + 1]) && !(!CJK_LINE.test(ls[i + 1]!) && fieldOfLabel(ls[i + 1]!, true))) twin.push(ls[++i]!);
      continue;
    }
    // (a Chinese line before an English label is that label's twin; before a Chinese label, it is this label's value)
    while (i + 1 < ls.length && !isLabel(ls[i + 1]) && !isPair(ls[i + 1]) && !(CJK_LINE.test(ls[i + 1]!) && isLabel(ls[i + 2]) && (!CJK_LINE.test(ls[i + 2]!) || /[A-Za-z]/.test(ls[i + 1]!)))) values.push(ls[++i]!);
    // (only a Chinese value: a number under the twin is a bilingual value's twin, which the English side restates)
    // …for the fields a record may hold in Chinese (a form's blank `City:` or a sub-form heading takes nothing)
    if (!values.length && twin.length && twin.every((v) => CJK_LINE.test(v)) && twinField(label)) values.push(...twin);
    twin = [];
    // a bilingual value (`预注册` / `Prospective registration`): the English words lead, the Chinese follow as more lines
    const chinese = (v: string): boolean => CJK_LINE.test(v) && !/[A-Za-z0-9]/.test(v);
    const english = values.filter((v) => !chinese(v));
    if (english.length && english.length < values.length) values.splice(0, values.length, ...english, ...values.filter(chinese));
    if (values.length) out.push(`${label}: ${values[0]}`, ...values.slice(1));
  }
  return out;
}
const CJK_LINE = /[\u3400-\u9fff]/;
const TWIN_FIELDS = new Set(['primarySponsor', 'conditions', 'timeFrame', 'publicTitle', 'scientificTitle']);
const twinField = (label: string): boolean => /^outcome$/i.test(label) || TWIN_FIELDS.has(fieldOfLabel(label) ?? '');

/**
 * ChiCTR: bilingual `Label:` / value pairs; contacts as `Applicant …` / `Study leader's …` fields; outcomes as
 * `Outcome:` + `Type: Primary indicator` + `Measure time point of outcome:`; ages as `Min age` / `18` / `years`.
 */
export const chictr: SiteProfile = {
  id: 'chictr',
  registry: 'ChiCTR',
  marker: /Chinese Clinical Trial Regist|\bChiCTR[-\d]/i,
  prepare(lines) {
    const zhOnly = chineseOnly(lines);
    const joined = joinColonPairs(chictrAges(zhOnly ? chineseForm(lines) : lines), zhOnly);
    const out: string[] = [];
    const people: Record<string, Record<string, string>> = {};
    for (let i = 0; i < joined.length; i++) {
      const l = joined[i]!;
      const who = /^(Applicant|Study leader)(?:'s)?\s*(telephone|E-mail|Fax|address)?\s*:\s*(.*)$/i.exec(l);
      if (who) {
        const p = (people[who[1]!.toLowerCase()] ??= {});
        p[(who[2] ?? 'name').toLowerCase()] = who[3]!;
        continue;
      }
      const outcome = /^Outcome:\s*(.+)$/i.exec(l);
      if (outcome) {
        const rest = joined.slice(i + 1, i + 5);
        const type = rest.find((x) => /^Type:/i.test(x)) ?? '';
        const time = rest.find((x) => /^Measure time point of outcome:/i.test(x));
        out.push(`${/secondary/i.test(type) ? 'Secondary' : 'Primary'} outcome: ${outcome[1]}`);
        if (time) out.push(`Time frame: ${time.replace(/^[^:]+:\s*/, '')}`);
        continue;
      }
      if (/^(Type|Measure time point of outcome|Measure method):/i.test(l)) { if (out[out.length - 1] !== BLOCK_END) out.push(BLOCK_END); continue; }
      out.push(l);
    }
    for (const name of secondarySponsors(lines)) out.push(`Secondary sponsor: ${name}`);
    for (const [role, p] of Object.entries(people)) {
      out.push(`${role === 'applicant' ? 'Applicant' : 'Study leader'}`, `Name: ${p.name ?? ''}`);
      if (p.telephone) out.push(`Telephone: ${p.telephone}`);
      if (p['e-mail']) out.push(`Email: ${p['e-mail']}`);
    }
    return { lines: out, idHint: null, strictLabels: true, finish: () => {} };
  },
};

/**
 * ChiCTR's Chinese-only interface: `注册号：` / value pairs with no English twin. Its labels are in the vocabulary;
 * only the sub-forms this profile reads itself (contacts, outcomes) get the English keys of the bilingual page.
 */
function chineseOnly(lines: string[]): boolean {
  const labels = lines.filter((l) => /[:：]$/.test(l) && l.length <= 60);
  return labels.length >= 8 && labels.every((l) => CJK_LINE.test(l) && !/^[A-Za-z]/.test(l));
}
const ZH_FORM: [RegExp, string][] = [
  [/^申请注册联系人电话$/, "Applicant's telephone"], [/^研究负责人电话$/, "Study leader's telephone"],
  [/^申请注册联系人电子邮件$/, "Applicant's E-mail"], [/^研究负责人电子邮件$/, "Study leader's E-mail"],
  [/^申请注册联系人传真$/, "Applicant's Fax"], [/^研究负责人传真$/, "Study leader's Fax"],
  [/^申请注册联系人通讯地址$/, "Applicant's address"], [/^研究负责人通讯地址$/, "Study leader's address"],
  [/^申请注册联系人$/, 'Applicant'], [/^研究负责人$/, 'Study leader'],
  [/^指标中文名$/, 'Outcome'], [/^指标类型$/, 'Type'], [/^测量时间点$/, 'Measure time point of outcome'], [/^测量方法$/, 'Measure method'],
];
function chineseForm(lines: string[]): string[] {
  // a row of `标签：值` cells (`指标中文名：…⇥指标类型：主要指标`): one line per cell, blank cells dropped
  const cells = lines.flatMap((l) => (l.includes('\t') && l.split('\t').every((c) => /^[\u3400-\u9fff][^:：]{0,30}[:：]/.test(c.trim()))
    ? l.split('\t').map((c) => c.trim()).filter((c) => !/[:：]$/.test(c)) : [l]));
  return cells.map((l) => {
    const m = /^([^:：]{1,30})([:：])(.*)$/.exec(l);
    const en = m ? ZH_FORM.find(([re]) => re.test(m[1]!.trim()))?.[1] : undefined;
    if (!m || !en) return l;
    const value = m[3]!.trim().replace(/^主要指标$/, 'Primary indicator').replace(/^次要指标$/, 'Secondary indicator');
    return value ? `${en}: ${value}` : `${en}:`;
  });
}

/** ChiCTR ages: `Min age` / `18` / `years` → `Min age: 18 years`. */
function chictrAges(lines: string[]): string[] {
  const ls = lines.filter((l) => l !== '');
  const out: string[] = [];
  for (let i = 0; i < ls.length; i++) {
    const age = /^(Min|Max) age$/i.exec(ls[i]!);
    if (age && /^\d+(?:\.\d+)?$/.test(ls[i + 1] ?? '')) {
      // (bilingual pages put the Chinese unit first: `40` / `岁` / `years`)
      const cjkUnit = /^[岁月周天日]$/.test(ls[i + 2] ?? '') ? 1 : 0;
      const unit = ls[i + 2 + cjkUnit] ?? '';
      const hasUnit = /^(years?|months?|weeks?|days?)$/i.test(unit);
      const zh = { 岁: 'years', 月: 'months', 周: 'weeks', 天: 'days', 日: 'days' }[cjkUnit ? ls[i + 2]! : ''] ?? 'years';
      out.push(`${age[1]} age: ${ls[i + 1]} ${hasUnit ? unit : zh}`);
      i += 1 + cjkUnit + (hasUnit ? 1 : 0);
      // (the Chinese twin of the next label, `最大` before `Max age`, is no value)
      if (out.length >= 2 && /^[\u3400-\u9fff]{1,3}$/.test(out[out.length - 2]!)) out.splice(out.length - 2, 1);
    } else out.push(ls[i]!);
  }
  return out;
}

/**
 * ChiCTR's `Secondary sponsor:` is a small form (`Country:` / `Province:` / `City:` / `Institution` `hospital:`, one
 * per sponsor) whose labels would otherwise read as the trial's countries and an unknown label: the institutions.
 */
function secondarySponsors(lines: string[]): string[] {
  const ls = lines.filter((l) => l !== '');
  const at = ls.findIndex((l) => /^Secondary sponsor[:：]?$/i.test(l));
  if (at < 0) return [];
  const names: string[] = [];
  for (let j = at + 1; j < ls.length && !/^(Source\(s\) of funding|Target disease|Study type)[:：]?$/i.test(ls[j]!); j++) {
    if (!/^(?:Institution\s*\/?\s*)?hospital[:：]$/i.test(ls[j]!)) continue;
    const name = ls.slice(j + 1).find((l) => !CJK_LINE.test(l));
    if (name && !/[:：]$/.test(name)) names.push(name);
  }
  return names;
}
