/**
 * The store: every version of every registration, links, overrides, studies.
 * SQLite (./sqlite) is the default; PostgreSQL (./postgres) implements the same interface.
 * Nothing above this interface may assume SQLite.
 */
import type { Registration } from '../model/registration.js';
import type { Link, Override, Study } from '../model/study.js';

/** One ingested input file: what a version was read from. */
export interface Snapshot {
  /** file name as given (archives: `a.zip!b.csv`) */
  file: string;
  format: string;
  /** export date the file states, when it states one */
  exportedAt: string | null;
  /** (read back) the snapshot's date: the newest date its records show, which orders a source's versions (src/store/lines.ts) */
  asOf?: string | null;
  /** when it was first ingested (ISO timestamp); a snapshot read again keeps its first time */
  ingestedAt: string;
  /**
   * What makes two ingests the same snapshot: derived from the input (the ingest pipeline uses the format and the
   * file's sha256), so re-reading a file finds its snapshot again. Absent: the file name and ingestedAt.
   */
  key?: string;
}

/** `newSource`: the first copy from a source line of a registration that another source already carries. */
export type PutOutcome = 'new' | 'newSource' | 'changed' | 'unchanged';

/** The snapshot key a Snapshot without one gets (and what the schema migration gives the snapshots it finds). */
export function snapshotKey(s: Snapshot): string {
  return s.key ?? `${s.file}\n${s.ingestedAt}`;
}

export interface StoredVersion {
  id: string;
  /** 1, 2, 3… per registration */
  version: number;
  /** hash of the content (the registration less `source`), what decides "changed" */
  hash: string;
  registration: Registration;
  snapshot: Snapshot;
  /** the source line this version belongs to (see ./lines.ts); absent on the merged current view */
  line?: string;
}

/**
 * One field that changed over time: between two consecutive versions of the same source line of a registration
 * (`export --what changes`). Differences between sources are discrepancies, never changes.
 */
export interface Change {
  registrationId: string;
  /** canonical path, e.g. `status.recruitment`, `enrollment.target`, `outcomes.primary` */
  field: string;
  /** the field in words (`Recruitment status`) */
  label?: string;
  before: unknown;
  after: unknown;
  /** the snapshots' file names (no directory) */
  fromSnapshot: string;
  toSnapshot: string;
  /** the source line in words (`WHO ICTRP export`) */
  source?: string;
  fromVersion?: number;
  toVersion?: number;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';

  /** Store a batch in one transaction. Same content as the latest version → unchanged (nothing written). */
  putBatch(registrations: Registration[], snapshot: Snapshot): Promise<PutOutcome[]>;
  /** The current view (the sources' newest versions merged, see ./lines.ts), or version N. */
  getRegistration(id: string, version?: number): Promise<StoredVersion | null>;
  /** All versions, oldest first. */
  versions(id: string): Promise<StoredVersion[]>;
  /** Latest version of every registration (or of the ids given), streamed. */
  latest(ids?: string[]): AsyncIterable<Registration>;
  count(): Promise<number>;
  /** Field-level changes between consecutive versions of each source line, for every registration (or the ids given). */
  changes(ids?: string[]): AsyncIterable<Change>;

  /** Links: replace those of the given methods touching the given ids (all when ids is omitted). */
  putLinks(links: Link[]): Promise<void>;
  deleteLinks(filter: { ids?: string[]; methods?: Link['method'][] }): Promise<void>;
  links(ids?: string[]): Promise<Link[]>;

  putOverride(o: Override): Promise<void>;
  overrides(): Promise<Override[]>;

  /** Studies: replace the studies that contain any of these registrations (or all). */
  replaceStudies(studies: Study[], touchedIds?: string[]): Promise<void>;
  studyOf(registrationId: string): Promise<Study | null>;
  studies(): AsyncIterable<Study>;

  /**
   * Ids stored by putBatch but not yet confirmed linked and indexed (optional; a crash between storing a batch and
   * linking it leaves them here so the next ingest finishes the job). Extension by the store owner.
   */
  pendingIds?(): Promise<string[]>;
  /** Confirm these ids are linked and indexed. */
  clearPending?(ids: string[]): Promise<void>;

  /**
   * Problems found (none: `[]`): the database's own check, and every registration's versions and current view
   * re-derived from its observations (src/store/lines.ts) compared with what is stored. Extension by the store owner.
   */
  integrity?(): Promise<string[]>;

  close(): Promise<void>;
}
