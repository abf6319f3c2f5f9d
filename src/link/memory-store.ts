/**
 * A small in-memory Store (versions, links, overrides, studies) for the linking tests: it lets them
 * exercise linkIncremental/rebuildLinks through the Store interface without a database.
 */
import type { Registration } from '../model/registration.js';
import type { Link, Override, Study } from '../model/study.js';
import type { Change, PutOutcome, Snapshot, Store, StoredVersion } from '../store/types.js';

export class MemoryStore implements Store {
  readonly kind = 'sqlite' as const;
  private readonly regs = new Map<string, StoredVersion>();
  private readonly history = new Map<string, StoredVersion[]>();
  private linkList: Link[] = [];
  private readonly overrideList: Override[] = [];
  private studyList: Study[] = [];

  async putBatch(registrations: Registration[], snapshot: Snapshot): Promise<PutOutcome[]> {
    return registrations.map((r) => {
      const hash = JSON.stringify({ ...r, source: null });
      const prev = this.regs.get(r.id);
      if (prev && prev.hash === hash) return 'unchanged';
      const v = { id: r.id, version: (prev?.version ?? 0) + 1, hash, registration: r, snapshot };
      this.regs.set(r.id, v);
      this.history.set(r.id, [...(this.history.get(r.id) ?? []), v]);
      return prev ? 'changed' : 'new';
    });
  }

  async getRegistration(id: string, version?: number): Promise<StoredVersion | null> {
    if (version === undefined) return this.regs.get(id) ?? null;
    return this.history.get(id)?.find((v) => v.version === version) ?? null;
  }

  async versions(id: string): Promise<StoredVersion[]> {
    return [...(this.history.get(id) ?? [])];
  }

  async *latest(ids?: string[]): AsyncIterable<Registration> {
    const list = ids ? ids.map((id) => this.regs.get(id)).filter((v): v is StoredVersion => !!v) : [...this.regs.values()];
    for (const v of list) yield v.registration;
  }

  async count(): Promise<number> {
    return this.regs.size;
  }

  async *changes(): AsyncIterable<Change> {}

  async putLinks(links: Link[]): Promise<void> {
    const key = (l: Link): string => `${l.a}\u0000${l.b}\u0000${l.method}`;
    const fresh = new Set(links.map(key));
    this.linkList = [...this.linkList.filter((l) => !fresh.has(key(l))), ...links];
  }

  async deleteLinks(filter: { ids?: string[]; methods?: Link['method'][] }): Promise<void> {
    const ids = filter.ids ? new Set(filter.ids) : null;
    this.linkList = this.linkList.filter((l) => {
      const touches = !ids || ids.has(l.a) || ids.has(l.b);
      const method = !filter.methods || filter.methods.includes(l.method);
      return !(touches && method);
    });
  }

  async links(ids?: string[]): Promise<Link[]> {
    if (!ids) return [...this.linkList];
    const set = new Set(ids);
    return this.linkList.filter((l) => set.has(l.a) || set.has(l.b));
  }

  async putOverride(o: Override): Promise<void> {
    const i = this.overrideList.findIndex((x) => (x.a === o.a && x.b === o.b) || (x.a === o.b && x.b === o.a));
    if (i >= 0) this.overrideList.splice(i, 1);
    this.overrideList.push(o);
  }

  async overrides(): Promise<Override[]> {
    return [...this.overrideList];
  }

  async replaceStudies(studies: Study[], touchedIds?: string[]): Promise<void> {
    if (!touchedIds) this.studyList = [];
    else {
      const t = new Set(touchedIds);
      this.studyList = this.studyList.filter((s) => !s.registrationIds.some((id) => t.has(id)));
    }
    this.studyList.push(...studies);
  }

  async studyOf(registrationId: string): Promise<Study | null> {
    return this.studyList.find((s) => s.registrationIds.includes(registrationId)) ?? null;
  }

  async *studies(): AsyncIterable<Study> {
    yield* this.studyList;
  }

  async close(): Promise<void> {}
}
