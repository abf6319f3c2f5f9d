/**
 * The canonical registration as a JSON Schema (the one /api/v1/openapi.json publishes), and the one check every
 * record passes before it is stored, whatever brought it (a file reader, `POST /api/v1/ingest`): each field of its
 * SPEC kind, ids a file reader could have produced, text fields of bounded size, and a warning on values no trial
 * has (an enrolment of 10^23, a registration dated after the record was read).
 *
 * The schema is data and `checkValue` walks it, so what is published and what is enforced cannot drift apart.
 * A SPEC field the record leaves out is filled with the schema's `default` (unknown: null or []), so later stages
 * can rely on the canonical shape; extension fields are checked when given and never added.
 */
import {
  ALLOCATIONS, ARM_TYPES, CELL_PRODUCTS, CELL_SOURCES, CELL_TYPES, CONTROL_TYPES, DOSE_UNITS, INTERVENTION_TYPES,
  MASKED_ROLES, MASKINGS, MODELS, PHASES, PURPOSES, RECRUITMENT_STATUSES, REGISTRIES, ROUTES, SEXES, SPONSOR_TYPES,
  STUDY_TYPES, type Registration,
} from './registration.js';

/** The JSON Schema (2020-12) keywords this module uses — and the only ones `checkValue` understands. */
export interface JsonSchema {
  type?: JsonType | JsonType[];
  enum?: readonly unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  /** false: no other keys; a schema: every other key's value; absent: any JSON of bounded size */
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  maxItems?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  default?: unknown;
  description?: string;
}
type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'array' | 'object';

/** Free text (descriptions, criteria, the registry's raw text): the longest real one is ~100,000 characters. */
export const MAX_TEXT_CHARS = 1024 * 1024;
/**
 * Names and titles (titles, conditions, sponsors, intervention names, outcome measures…): the longest in
 * ../shared/data is 2,486 characters (an outcome measure); a title of megabytes is not a title.
 */
export const MAX_NAME_CHARS = 10_000;
/** Items of one list (conditions, interventions, outcomes, contacts…). */
export const MAX_ITEMS = 10_000;
/** Registration ids: the longest real one has 22 characters (`JPRN-UMIN000039686` and the like). */
export const MAX_ID_CHARS = 64;
/**
 * What a registry number looks like once normalised: letters, digits, `-`, `_`, `.`, and `/` between parts
 * (`CTRI/2020/04/024773`); no `..`, no markup, no spaces. Every id the file readers give matches it.
 */
export const ID_PATTERN = '^(?!.*\\.\\.)[A-Za-z0-9][A-Za-z0-9._-]*(?:/[A-Za-z0-9._-]+)*$';
/** ISO date, or year and month when the source gives only a month (SPEC). */
export const DATE_PATTERN = '^\\d{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\\d|3[01]))?$';
/** A timestamp: a date, optionally with a time. */
const TIMESTAMP_PATTERN = '^\\d{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\\d|3[01])(?:[T ][0-9:.]+(?:Z|[+-]\\d{2}:?\\d{2})?)?)?$';

// ---- schema builders ----

const text = (max = MAX_NAME_CHARS): JsonSchema => ({ type: ['string', 'null'], maxLength: max, default: null });
const longText = (): JsonSchema => text(MAX_TEXT_CHARS);
const name = (): JsonSchema => ({ type: 'string', maxLength: MAX_NAME_CHARS });
const list = (items: JsonSchema): JsonSchema => ({ type: 'array', items, maxItems: MAX_ITEMS, default: [] });
const oneOf = (values: readonly string[]): JsonSchema => ({ type: ['string', 'null'], enum: [...values, null], default: null });
const date = (): JsonSchema => ({ type: ['string', 'null'], pattern: DATE_PATTERN, default: null });
const count = (): JsonSchema => ({ type: ['integer', 'null'], minimum: 0, default: null });
const amount = (): JsonSchema => ({ type: ['number', 'null'], minimum: 0, default: null });
const flag = (): JsonSchema => ({ type: ['boolean', 'null'], default: null });
const id = (): JsonSchema => ({ type: 'string', maxLength: MAX_ID_CHARS, pattern: ID_PATTERN });
/** An extension field (not in SPEC): checked when given, never added when absent (a stored record's hash must not move). */
const ext = (s: JsonSchema): JsonSchema => {
  const { default: _d, ...rest } = s;
  return rest;
};
const obj = (properties: Record<string, JsonSchema>, extra: Partial<JsonSchema> = {}): JsonSchema => ({
  type: 'object', properties, default: defaults(properties), ...extra,
});
const nullableObj = (properties: Record<string, JsonSchema>): JsonSchema => ({ ...obj(properties), type: ['object', 'null'], default: null });

function defaults(properties: Record<string, JsonSchema>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(properties)) if (s.default !== undefined) out[k] = s.default;
  return out;
}

const outcome = obj({ measure: name(), description: longText(), timeFrame: text(), timepointsDays: list({ type: 'number' }) }, { required: ['measure'] });

const REGISTRATION_PROPERTIES: Record<string, JsonSchema> = {
  id: { ...id(), description: 'the registry\'s own trial number, normalised (NCT04252118, ChiCTR2000030261, CTRI/2020/04/024773…)' },
  registry: { type: 'string', enum: REGISTRIES },
  source: obj({
    format: { type: 'string', maxLength: 100, default: '' }, file: text(1000), recordId: text(1000), url: text(),
    lastRefreshed: date(), exportedAt: { type: ['string', 'null'], pattern: TIMESTAMP_PATTERN, default: null },
  }),
  secondaryIds: list(id()),
  titles: obj({ public: text(), scientific: text(), acronym: text() }),
  sponsor: obj({ primary: text(), secondary: list(name()), collaborators: list(name()), type: oneOf(SPONSOR_TYPES), class: ext(text()) }),
  status: obj({ recruitment: oneOf(RECRUITMENT_STATUSES), raw: text() }),
  studyType: oneOf(STUDY_TYPES),
  phase: oneOf(PHASES),
  phaseRaw: ext(text()),
  design: obj({
    allocation: oneOf(ALLOCATIONS), model: oneOf(MODELS), masking: oneOf(MASKINGS), maskedRoles: list({ type: 'string', enum: MASKED_ROLES }),
    purpose: oneOf(PURPOSES), controlType: oneOf(CONTROL_TYPES), multicentre: flag(), raw: ext(longText()),
  }),
  enrollment: obj({ target: count(), actual: count(), raw: text() }),
  dates: obj({ registration: date(), start: date(), primaryCompletion: date(), completion: date(), lastUpdate: date(), resultsPosted: date() }),
  prospective: flag(),
  eligibility: obj({
    minAgeYears: amount(), maxAgeYears: amount(), sex: oneOf(SEXES), healthyVolunteers: flag(),
    inclusion: list({ type: 'string', maxLength: MAX_TEXT_CHARS }), exclusion: list({ type: 'string', maxLength: MAX_TEXT_CHARS }), raw: longText(),
  }),
  conditions: list(name()),
  interventions: list(obj({
    type: oneOf(INTERVENTION_TYPES), name: name(), description: longText(),
    cellTherapy: nullableObj({
      cellType: oneOf(CELL_TYPES), source: oneOf(CELL_SOURCES), product: oneOf(CELL_PRODUCTS),
      dose: nullableObj({ value: amount(), unit: oneOf(DOSE_UNITS), perKg: { type: 'boolean', default: false }, raw: ext(text()) }),
      route: oneOf(ROUTES),
      schedule: nullableObj({ doses: count(), intervalDays: amount(), days: list({ type: 'number' }) }),
      origin: ext(oneOf(['allogeneic', 'autologous'])),
    }),
  }, { required: ['name'] })),
  arms: list(obj({ label: name(), type: oneOf(ARM_TYPES), description: longText(), interventions: list(name()) }, { required: ['label'] })),
  outcomes: obj({ primary: list(outcome), secondary: list(outcome) }),
  countries: list(name()),
  contacts: list(obj({ name: text(), role: text(), affiliation: text(), email: text(), phone: text() })),
  results: obj({ posted: flag(), url: text(), firstPosted: date(), summary: longText() }),
  references: list(obj({
    type: text(), citation: longText(), title: text(), authors: list(name()), journal: text(), year: { type: ['integer', 'null'], default: null },
    pmid: text(), doi: text(), registrationIds: ext(list(name())), abstract: ext(longText()),
  })),
  description: obj({ brief: longText(), detailed: longText() }),
  warnings: list({ type: 'string', maxLength: MAX_NAME_CHARS }),
  extracted: ext(list(obj({ path: name(), from: name(), text: { type: 'string', maxLength: MAX_TEXT_CHARS } }))),
  raw: { type: 'object', additionalProperties: { type: 'string', maxLength: MAX_TEXT_CHARS } },
};

/** The canonical registration (shared/SPEC.md). Only `id` and `registry` are required; the rest defaults to unknown. */
export const REGISTRATION_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'A canonical registration (TrialAtlas SPEC). Fields left out are unknown (null or []). Text longer than maxLength is cut with a warning; other violations reject the record.',
  properties: REGISTRATION_PROPERTIES,
  required: ['id', 'registry'],
};

// ---- the walk ----

export interface FieldIssue { field: string; reason: string }

interface Walk {
  errors: FieldIssue[];
  warnings: string[];
  /** put the default in place of a value of the wrong kind (with a warning) instead of an error */
  repair: boolean;
}

const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** A copy of a default (null, [], or an object of such). */
function clone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clone) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)])) as T;
  return v;
}

const patterns = new Map<string, RegExp>();
function regex(p: string): RegExp {
  let r = patterns.get(p);
  if (!r) { r = new RegExp(p); patterns.set(p, r); }
  return r;
}

function shown(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  const k = kindOf(v);
  return k === 'object' ? 'an object' : k === 'array' ? 'an array' : String(v);
}

function fits(t: JsonType, v: unknown): boolean {
  switch (t) {
    case 'integer': return Number.isInteger(v);
    case 'number': return typeof v === 'number' && Number.isFinite(v);
    case 'object': return kindOf(v) === 'object';
    default: return kindOf(v) === t;
  }
}

const MAX_FREE_DEPTH = 16;

/** Values of fields the schema does not name (extensions): any JSON, but strings cut at MAX_TEXT_CHARS and nesting bounded. */
function checkFree(v: unknown, path: string, w: Walk, depth: number): unknown {
  if (depth > MAX_FREE_DEPTH) return problem(w, path, `is nested more than ${MAX_FREE_DEPTH} levels deep`, null);
  if (typeof v === 'string') return cut(v, MAX_TEXT_CHARS, path, w);
  if (Array.isArray(v)) {
    if (v.length > MAX_ITEMS) return problem(w, path, `has ${v.length} items; at most ${MAX_ITEMS} are accepted`, null);
    return v.map((x, i) => checkFree(x, `${path}[${i}]`, w, depth + 1));
  }
  if (kindOf(v) === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as object)) out[k] = checkFree(x, `${path}.${k}`, w, depth + 1);
    return out;
  }
  return v;
}

function cut(s: string, max: number, path: string, w: Walk): string {
  if (s.length <= max) return s;
  w.warnings.push(`field ${path} was ${s.length} characters long; truncated to ${max}`);
  return s.slice(0, max);
}

/** A value that cannot stay: an error, or (repairing) the fallback with a warning. Returns the value to keep. */
function problem(w: Walk, path: string, reason: string, fallback: unknown): unknown {
  if (w.repair && fallback !== undefined) {
    w.warnings.push(`field ${path} ${reason}; read as ${fallback === null ? 'unknown' : JSON.stringify(fallback)}`);
    return clone(fallback);
  }
  w.errors.push({ field: path, reason });
  return undefined;
}

/** The value checked against the schema: missing fields filled, long text cut; problems go to `w`. */
function checkValue(s: JsonSchema, v: unknown, path: string, w: Walk): unknown {
  const fallback = s.default === undefined ? null : s.default;
  const types = s.type === undefined ? null : Array.isArray(s.type) ? s.type : [s.type];
  if (types && !types.some((t) => fits(t, v))) {
    const want = types.map((t) => (t === 'null' ? 'null' : t === 'integer' ? 'a whole number' : `a${/^[aeiou]/.test(t) ? 'n' : ''} ${t}`)).join(' or ');
    return problem(w, path, `is ${shown(v)} but must be ${want}`, fallback);
  }
  if (s.enum && !s.enum.includes(v)) {
    const allowed = s.enum.filter((x) => x !== null).slice(0, 25).join(', ');
    return problem(w, path, `is ${shown(v)}, not one of ${allowed}${s.enum.length > 26 ? ', …' : ''}`, fallback);
  }
  if (typeof v === 'string') {
    if (s.pattern && s.pattern === ID_PATTERN && s.maxLength !== undefined && v.length > s.maxLength) {
      // an id cannot be cut into another id
      return problem(w, path, `is ${v.length} characters long; a registration number has at most ${s.maxLength}`, fallback);
    }
    if (s.pattern && !regex(s.pattern).test(v)) {
      const form = s.pattern === ID_PATTERN ? 'a registration number (letters, digits, - _ . and / between parts)' : 'YYYY-MM-DD or YYYY-MM';
      return problem(w, path, `is ${shown(v)}, not of the form ${form}`, fallback);
    }
    return s.maxLength !== undefined ? cut(v, s.maxLength, path, w) : v;
  }
  if (typeof v === 'number') {
    if (s.minimum !== undefined && v < s.minimum) return problem(w, path, `is ${v}, below ${s.minimum}`, fallback);
    return v;
  }
  if (Array.isArray(v)) {
    if (s.maxItems !== undefined && v.length > s.maxItems) return problem(w, path, `has ${v.length} items; at most ${s.maxItems} are accepted`, fallback);
    if (!s.items) return checkFree(v, path, w, 0);
    const out: unknown[] = [];
    v.forEach((x, i) => {
      const y = checkValue(s.items!, x, `${path}[${i}]`, w);
      if (y !== undefined) out.push(y);
    });
    return out;
  }
  if (kindOf(v) === 'object') {
    const o = v as Record<string, unknown>;
    const props = s.properties ?? {};
    const out: Record<string, unknown> = {};
    // the record's own key order is kept (exports show it); missing fields come after
    for (const [k, x] of Object.entries(o)) {
      if (x === undefined) continue;
      const here = path ? `${path}.${k}` : k;
      const ps = Object.hasOwn(props, k) ? props[k]! : null;
      let y: unknown;
      if (ps) y = checkValue(ps, x, here, w);
      else if (s.additionalProperties === false) y = problem(w, here, 'is not a field of this object', undefined);
      else if (typeof s.additionalProperties === 'object') y = checkValue(s.additionalProperties, x, here, w);
      else y = checkFree(x, here, w, 0);
      if (y !== undefined) out[k] = y;
    }
    for (const [k, ps] of Object.entries(props)) {
      if (o[k] !== undefined) continue;
      if (s.required?.includes(k)) {
        const y = problem(w, path ? `${path}.${k}` : k, 'is missing', ps.default ?? (ps.type === 'string' || ps.type?.includes('string') ? '' : null));
        if (y !== undefined) out[k] = y;
      } else if (ps.default !== undefined) out[k] = clone(ps.default);
    }
    return out;
  }
  return v;
}

// ---- plausibility ----

/** Larger than any trial: the largest enrolment in ../shared/data is 15,000,000. */
export const MAX_PLAUSIBLE_ENROLMENT = 100_000_000;
const MAX_PLAUSIBLE_AGE = 150;
/** Dates that record something done (registered, updated, results posted): not after the record was read. */
const PAST_DATES = ['dates.registration', 'dates.lastUpdate', 'dates.resultsPosted', 'results.firstPosted'];
/** Planned dates may lie ahead (../shared/data has completions in 2099), but not outside these years. */
const DATE_YEARS = [1900, 2100] as const;

function at(r: Registration, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), r);
}

/** Values of the right kind that no real trial has: a warning each, the value kept (a curator decides). */
export function implausible(r: Registration, now: Date): string[] {
  const out: string[] = [];
  for (const k of ['target', 'actual'] as const) {
    const n = r.enrollment[k];
    if (typeof n === 'number' && n > MAX_PLAUSIBLE_ENROLMENT) out.push(`implausible value: enrollment.${k} is ${n}, more than ${MAX_PLAUSIBLE_ENROLMENT.toLocaleString('en')} participants`);
  }
  for (const k of ['minAgeYears', 'maxAgeYears'] as const) {
    const n = r.eligibility[k];
    if (typeof n === 'number' && n > MAX_PLAUSIBLE_AGE) out.push(`implausible value: eligibility.${k} is ${n} years`);
  }
  const tomorrow = new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
  for (const p of [...PAST_DATES, 'dates.start', 'dates.primaryCompletion', 'dates.completion']) {
    const d = at(r, p);
    if (typeof d !== 'string') continue;
    const year = Number(d.slice(0, 4));
    if (PAST_DATES.includes(p) && d > tomorrow) out.push(`implausible value: ${p} is ${d}, after the record was read (${now.toISOString().slice(0, 10)})`);
    else if (year < DATE_YEARS[0] || year > DATE_YEARS[1]) out.push(`implausible value: ${p} is ${d}`);
  }
  return out;
}

// ---- the check ----

export interface Validated {
  /** the record, completed to the canonical shape (null when it has errors) */
  record: Registration | null;
  /** what makes it unstorable: each names the field */
  errors: FieldIssue[];
  /** what was cut, read as unknown or looks implausible; also appended to record.warnings */
  warnings: string[];
}

export interface ValidateOptions {
  /** for "a date after the record was read" (default: now) */
  now?: Date;
  /**
   * Read a field of the wrong kind as unknown (with a warning) instead of rejecting the record — for records
   * already stored, which must not stop later work. An id or registry that is not one is an error even then.
   */
  repair?: boolean;
}

const KEY_SCHEMA: JsonSchema = {
  type: 'object', required: ['id', 'registry'], additionalProperties: true,
  properties: { id: REGISTRATION_PROPERTIES.id!, registry: REGISTRATION_PROPERTIES.registry! },
};

/** Check one record against the canonical schema (see the header). */
export function validateRegistration(x: unknown, opts: ValidateOptions = {}): Validated {
  if (kindOf(x) !== 'object') return { record: null, errors: [{ field: '(record)', reason: `a record must be a JSON object, not ${shown(x)}` }], warnings: [] };
  const given = { ...(x as Record<string, unknown>) };
  if (typeof given.id === 'string') given.id = given.id.trim();
  if (given.id === '') return { record: null, errors: [{ field: 'id', reason: 'record has no trial id' }], warnings: [] };
  // the key fields first, never repaired: without them there is nothing to store the rest under
  const keys: Walk = { errors: [], warnings: [], repair: false };
  checkValue(KEY_SCHEMA, { id: given.id, registry: given.registry }, '', keys);
  if (keys.errors.length) return { record: null, errors: keys.errors, warnings: [] };
  const w: Walk = { errors: [], warnings: [], repair: opts.repair ?? false };
  const record = checkValue(REGISTRATION_SCHEMA, given, '', w) as Registration | undefined;
  if (w.errors.length || !record) return { record: null, errors: w.errors, warnings: w.warnings };
  const warnings = [...w.warnings, ...implausible(record, opts.now ?? new Date())];
  for (const m of warnings) if (!record.warnings.includes(m)) record.warnings.push(m);
  return { record, errors: [], warnings };
}

/** One line for a record's errors: `titles.public is 42 but must be a string or null; …`. */
export function errorText(errors: FieldIssue[]): string {
  const first = errors.slice(0, 5).map((e) => `${e.field} ${e.reason}`);
  return first.join('; ') + (errors.length > 5 ? `; and ${errors.length - 5} more` : '');
}
