/**
 * The registry's own withdrawal marker makes a registration `withdrawn` (the finding: ChiCTR trials whose public
 * titles begin "Cancelled by the investigator" showed as Other, Recruiting or not reported). Pinned on the real
 * ICTRP CSV of 15 April 2020.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Registration } from '../model/registration.js';
import { readRecords } from '../sources/index.js';
import { extract } from './index.js';
import { registration } from './__fixtures__/registrations.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CSV = path.resolve(ROOT, '../shared/data/ictrp/COVID19-1135-trials_15Apr2020.csv');

test('a title marker makes the status withdrawn, keeps the registry words, says where it came from, once', () => {
  const reg = registration({ publicTitle: 'Cancelled by the investigator Study of X', title: 'Study of X' });
  reg.status = { recruitment: 'recruiting', raw: 'Recruiting' };
  extract(reg);
  assert.deepEqual(reg.status, { recruitment: 'withdrawn', raw: 'Recruiting' });
  assert.deepEqual(reg.extracted?.filter((p) => p.path === 'status.recruitment'), [{ path: 'status.recruitment', from: 'titles.public', text: 'Cancelled by the investigator' }]);
  extract(reg);
  assert.equal(reg.extracted?.filter((p) => p.path === 'status.recruitment').length, 1);
  const plain = registration({ title: 'Cancelled Elective Surgery During COVID-19' });
  plain.status = { recruitment: 'recruiting', raw: 'Recruiting' };
  assert.equal(extract(plain).status.recruitment, 'recruiting');
});

test('real ChiCTR registrations cancelled by the investigator are withdrawn, whatever their status field says',
  { skip: !existsSync(CSV) && 'needs ../shared (data/ictrp/COVID19-1135-trials_15Apr2020.csv)' }, async () => {
    const regs: Registration[] = [];
    for await (const item of readRecords([CSV])) if (item.kind === 'record') regs.push(item.record);
    const cancelled = regs.filter((r) => /^(?:cancell?ed|retracted)\b/i.test(r.titles.public ?? ''));
    assert.ok(cancelled.length >= 40, `registrations with a cancellation marker: ${cancelled.length}`);
    const raws = new Set(cancelled.map((r) => r.status.raw));
    assert.ok(raws.has('Recruiting') && raws.has('Not Recruiting') && raws.has(null), `their status fields: ${[...raws].join(', ')}`);
    assert.deepEqual(cancelled.filter((r) => r.status.recruitment !== 'withdrawn').map((r) => `${r.id}: ${r.status.recruitment}`), []);
    // and nothing else is taken for withdrawn
    assert.deepEqual(regs.filter((r) => r.status.recruitment === 'withdrawn' && !cancelled.includes(r) && !/^withdrawn$/i.test(r.status.raw ?? '')).map((r) => r.id), []);
  });
