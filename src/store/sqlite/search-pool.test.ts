/**
 * Searches in worker threads (the server's way): the same answers as on the server's own thread; a query past the
 * time bound is stopped and answered with SearchTimeoutError (HTTP 503), and the next query still runs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshSqlite } from '../testing.js';
import { loadFixtures } from '../../search/__fixtures__/registrations.js';
import { backendFor, search, searchInWorkers } from '../../search/index.js';
import { SearchTimeoutError } from '../../search/query.js';
import type { SqliteSearch } from './search.js';

test('searches in workers answer as in-thread ones; past the time bound a 503 error, then the pool goes on', async () => {
  const { store, done } = await freshSqlite();
  try {
    await loadFixtures(store);
    const inThread = await search(store, '"stem cell*" OR phase:2', { facets: true, pageSize: 50 });
    const close = searchInWorkers(store);
    const inWorker = await search(store, '"stem cell*" OR phase:2', { facets: true, pageSize: 50 });
    assert.deepEqual(inWorker, inThread);
    await assert.rejects(search(store, 'a*'), /too short/, 'usage errors keep their words across the thread');
    await close();
    // a bound no query can meet: a worker does not even start in a millisecond
    (backendFor(store) as SqliteSearch).useWorkers({ timeoutMs: 1 });
    await assert.rejects(search(store, 'covid'), (e: unknown) => e instanceof SearchTimeoutError && /longer than its 0.001 s bound/.test(e.message));
    await (backendFor(store) as SqliteSearch).closeWorkers();
    (backendFor(store) as SqliteSearch).useWorkers({ timeoutMs: 10_000 });
    assert.equal((await search(store, 'covid')).total, 6);
    await (backendFor(store) as SqliteSearch).closeWorkers();
  } finally {
    await done();
  }
});
