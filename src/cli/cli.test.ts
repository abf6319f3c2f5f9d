/**
 * End-to-end tests of the `trialatlas` CLI: real processes, real files, real exit codes.
 * Bad inputs are generated into a temporary directory from the small fictional fixture in __fixtures__.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../store/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHARED = path.resolve(ROOT, '../shared');
const MAIN = path.join(ROOT, 'dist/cli/main.js');
const FIXTURE = path.join(ROOT, 'src/cli/__fixtures__/ctgov-three.tsv');

function cli(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [MAIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'trialatlas-cli-'));
}

/** Every bad input the house rules name, written next to each other; each good row keeps a distinct id. */
function writeBadInputs(dir: string): void {
  const lines = readFileSync(FIXTURE, 'utf8').trimEnd().split('\n');
  const rows = lines.map((l) => l.split('\t'));
  const withIds = (ids: string[]) => rows.map((r, i) => (i === 0 ? r : [r[0]!, ids[i - 1]!, ...r.slice(2)]));
  const tsv = (rs: string[][]) => rs.map((r) => r.join('\t')).join('\n') + '\n';
  const csvCell = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const csvRows = withIds(['NCT09900051', 'NCT09900052', 'NCT09900053']).map((r) => r.map(csvCell).join(','));
  csvRows[2] = csvRows[2]!.replace('Home Oxygen', '"Home Oxygen');
  writeFileSync(path.join(dir, 'unbalanced.csv'), csvRows.join('\r\n') + '\r\n');
  const latin = withIds(['NCT09900011', 'NCT09900012', 'NCT09900013']);
  latin[1]![2] = 'Étude café: évaluation du traitement';
  writeFileSync(path.join(dir, 'latin1.tsv'), Buffer.from(tsv(latin), 'latin1'));
  writeFileSync(path.join(dir, 'empty.tsv'), '');
  writeFileSync(path.join(dir, 'notes.txt'), 'Shopping list\nmilk\neggs\nbread\n');
  writeFileSync(path.join(dir, 'noid.tsv'), tsv(withIds(['NCT09900021', '', 'NCT09900023'])));
  const big = withIds(['NCT09900031', 'NCT09900032', 'NCT09900033']);
  big[1]![8] = 'Mortality ' + 'x'.repeat(5_000_000);
  writeFileSync(path.join(dir, 'big.tsv'), tsv(big));
  writeFileSync(path.join(dir, 'truncated.xml'), '<?xml version="1.0" encoding="UTF-8"?>\n<search_results count="2">\n' +
    '<clinical_study><id_info><nct_id>NCT09900041</nct_id></id_info><brief_title>First complete study</brief_title></clinical_study>\n' +
    '<clinical_study><id_info><nct_id>NCT09900042</nct_id></id_info><brief_title>Second study, cut off in the mid');
}

test('formats lists ids and labels; usage errors exit 1', () => {
  const dir = tempDir();
  try {
    const f = cli(['formats', '--json'], dir);
    assert.equal(f.code, 0);
    const list = JSON.parse(f.stdout) as { id: string; label: string }[];
    assert.ok(list.some((x) => x.id === 'ctgov-tsv' && x.label.length > 0));
    assert.equal(cli(['export', '--what', 'nothing'], dir).code, 1);
    assert.equal(cli(['no-such-command'], dir).code, 1);
    // a PostgreSQL server that is not there: a fatal error naming it, the password hidden
    const pg = cli(['ingest', FIXTURE, '--db', 'postgres://nobody:secret@127.0.0.1:1/x'], dir);
    assert.equal(pg.code, 1);
    assert.match(pg.stderr, /PostgreSQL postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/x: .*ECONNREFUSED/);
    assert.doesNotMatch(pg.stderr, /secret/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('bad inputs: each rejected with file, position and reason; the rest stored; exit 2; earlier data untouched', async () => {
  const dir = tempDir();
  try {
    const db = path.join(dir, 'bad.db');
    const first = cli(['ingest', FIXTURE, '--db', db], dir);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /3 new, 0 changed, 0 unchanged, 0 rejected/);
    const before = cli(['export', '--what', 'registrations', '--db', db], dir).stdout;

    const bad = path.join(dir, 'bad');
    spawnSync('mkdir', [bad]);
    writeBadInputs(bad);
    const r = cli(['ingest', 'bad', '--db', db, '--json'], dir);
    assert.equal(r.code, 2, r.stderr);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('rejected: '));
    const about = (file: string) => lines.filter((l) => l.includes(file));
    assert.equal(about('empty.tsv').length, 1);
    assert.match(about('empty.tsv')[0]!, /empty/i);
    assert.match(about('notes.txt')[0]!, /not a trial export/);
    assert.match(about('noid.tsv')[0]!, /row 2.*(id|NCT Number)/i);
    assert.match(about('truncated.xml')[0]!, /line \d+.*(XML|unclosed|truncat)/i);
    assert.match(about('unbalanced.csv')[0]!, /row 2/);
    assert.equal(about('latin1.tsv').length, 0, 'a non-UTF-8 file is decoded, not rejected');
    assert.equal(about('big.tsv').length, 0, 'a 5 MB field is truncated with a warning, not rejected');

    const summary = JSON.parse(r.stdout) as { new: number; rejected: number };
    assert.equal(summary.rejected, lines.length);
    const store = await openStore(db);
    try {
      for (const id of ['NCT09900011', 'NCT09900012', 'NCT09900013', 'NCT09900021', 'NCT09900023', 'NCT09900031',
        'NCT09900032', 'NCT09900033', 'NCT09900041', 'NCT09900051']) {
        assert.ok(await store.getRegistration(id), `${id} stored`);
      }
      assert.equal((await store.getRegistration('NCT09900011'))?.registration.titles.public, 'Étude café: évaluation du traitement');
      const big = (await store.getRegistration('NCT09900031'))!.registration;
      assert.ok(big.outcomes.primary[0]!.measure.length <= 1024 * 1024 + 100);
      assert.ok(big.warnings.some((w) => /truncat/i.test(w)));
      assert.equal(await store.getRegistration('NCT09900042'), null);
      for (const id of ['NCT09900001', 'NCT09900002', 'NCT09900003']) assert.equal((await store.versions(id)).length, 1);
    } finally { await store.close(); }
    const originals = new Set(before.trim().split('\n').map((l) => JSON.parse(l).id as string));
    const after = cli(['export', '--what', 'registrations', '--db', db], dir).stdout.trim().split('\n')
      .filter((l) => originals.has(JSON.parse(l).id));
    assert.deepEqual(after, before.trim().split('\n'), 'records stored earlier are byte-for-byte the same');
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('parse prints NDJSON, no database; exports in every format', () => {
  const dir = tempDir();
  try {
    const p = cli(['parse', FIXTURE], dir);
    assert.equal(p.code, 0, p.stderr);
    const recs = p.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(recs.map((r) => r.id), ['NCT09900001', 'NCT09900002', 'NCT09900003']);
    assert.equal(existsSync(path.join(dir, 'trialatlas.db')), false);
    writeFileSync(path.join(dir, 'notes.txt'), 'Shopping list\nmilk\n');
    const mixed = cli(['parse', '--json', FIXTURE, 'notes.txt'], dir);
    assert.equal(mixed.code, 2);
    assert.equal((JSON.parse(mixed.stdout) as unknown[]).length, 3);
    assert.match(mixed.stderr, /^rejected: notes\.txt: .*not a trial export/m);

    assert.equal(cli(['ingest', FIXTURE], dir).code, 0);
    assert.equal(existsSync(path.join(dir, 'trialatlas.db')), true, 'default --db is ./trialatlas.db');
    const csv = cli(['export', '--format', 'csv'], dir).stdout.trim().split('\r\n');
    assert.equal(csv.length, 4);
    assert.match(csv[0]!, /^\ufeff?id,study_id,registry,url,public_title/);
    assert.match(csv[1]!, /^NCT09900001,NCT09900001,ClinicalTrials\.gov,.*,China,ChiCTR2000099901,/);
    const json = JSON.parse(cli(['export', '--format', 'json'], dir).stdout) as { id: string }[];
    assert.equal(json.length, 3);
    const ris = cli(['export', '--format', 'ris'], dir).stdout;
    assert.equal((ris.match(/^TY {2}- /gm) ?? []).length, 3);
    assert.equal((ris.match(/^ER {2}- /gm) ?? []).length, 3);
    assert.match(ris, /^UR {2}- https:\/\/ClinicalTrials\.gov\/show\/NCT09900002\r$/m);
    assert.equal(cli(['export', '--format', 'xlsx', '--out', 'r.xlsx'], dir).code, 0);
    assert.equal(readFileSync(path.join(dir, 'r.xlsx')).subarray(0, 2).toString(), 'PK');
    const studies = cli(['export', '--what', 'studies'], dir).stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(studies.length, 3);
    for (const s of studies) assert.ok(s.studyId && s.primaryId && Array.isArray(s.registrationIds));
    const show = cli(['show', 'NCT09900002'], dir);
    assert.equal(show.code, 0);
    assert.match(show.stdout, /NCT09900002 v1/);
    assert.equal(cli(['show', 'NCT00000000'], dir).code, 1);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

const CTGOV = path.join(SHARED, 'data/ctgov-tsv');

test('parse tallies each file on stderr: rows, registrations (EU CTR member-state rows folded), rejected; --quiet drops it',
  { skip: !existsSync(path.join(SHARED, 'data/ictrp/COVID19-web_7Jul2020.xlsx')) && 'needs ../shared (ICTRP XLSX export)' }, () => {
  const file = path.join(SHARED, 'data/ictrp/COVID19-web_7Jul2020.xlsx');
  const r = cli(['parse', file], ROOT);
  assert.equal(r.code, 0);
  assert.equal(r.stdout.trimEnd().split('\n').length, 4083);
  assert.equal(r.stderr.trim(), `parse: ${file} [ictrp-xlsx]: 4,098 rows → 4,083 registrations (15 EU CTR member-state rows folded in), 0 rejected`);
  assert.equal(cli(['parse', '--quiet', FIXTURE], ROOT).stderr, '');
});

test('ctgov weekly downloads: idempotent, new versions only for changes, real field changes listed',
  { skip: !existsSync(CTGOV) && 'needs ../shared (the ClinicalTrials.gov downloads in shared/data/ctgov-tsv)' }, async () => {
    const dir = tempDir();
    try {
      const june = path.join(CTGOV, 'ctgov-covid-20200629.tsv');
      const july = path.join(CTGOV, 'ctgov-covid-20200707.tsv');
      const s1 = JSON.parse(cli(['ingest', june, '--json'], dir).stdout);
      assert.deepEqual([s1.new, s1.changed, s1.unchanged, s1.rejected], [2351, 0, 0, 0]);
      const again = cli(['ingest', june, '--json'], dir);
      assert.equal(again.code, 0);
      const s2 = JSON.parse(again.stdout);
      assert.deepEqual([s2.new, s2.changed, s2.unchanged], [0, 0, 2351]);
      const s3 = JSON.parse(cli(['ingest', july, '--json'], dir).stdout);
      assert.equal(s3.new + s3.changed + s3.unchanged, 2478);
      assert.ok(s3.new >= 120 && s3.new <= 130, `new ${s3.new}`); // 2478 - 2351 + the few that left the result list
      const changes = cli(['export', '--what', 'changes'], dir).stdout.trim().split('\n').map((l) => JSON.parse(l));
      // verified by hand in both files: NCT04256395 Recruiting → Completed, 300000 → 102456; NCT04304053 2250 → 2300
      const find = (id: string, field: string) => changes.find((c) => c.registrationId === id && c.field === field);
      assert.deepEqual([find('NCT04256395', 'status.recruitment')?.before, find('NCT04256395', 'status.recruitment')?.after], ['recruiting', 'completed']);
      assert.deepEqual([find('NCT04256395', 'enrollment.target')?.before, find('NCT04256395', 'enrollment.target')?.after], [300000, 102456]);
      assert.deepEqual([find('NCT04304053', 'enrollment.target')?.before, find('NCT04304053', 'enrollment.target')?.after], [2250, 2300]);
      assert.match(find('NCT04304053', 'enrollment.target')!.fromSnapshot, /20200629/);
      assert.match(find('NCT04304053', 'enrollment.target')!.toSnapshot, /20200707/);
      assert.ok(changes.every((c) => !c.field.startsWith('source')));
      const store = await openStore(path.join(dir, 'trialatlas.db'));
      try {
        assert.equal((await store.getRegistration('NCT04256395', 1))?.registration.status.recruitment, 'recruiting');
        assert.equal((await store.getRegistration('NCT04256395'))?.version, 2);
      } finally { await store.close(); }
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });

const ICTRP = path.join(SHARED, 'data/ictrp');

test('ICTRP weekly XLSX snapshots (29 June → 7 July): idempotent, versions only for changed registrations, field changes',
  { skip: !existsSync(ICTRP) && 'needs ../shared (the WHO ICTRP weekly exports in shared/data/ictrp)' }, async () => {
    const dir = tempDir();
    try {
      const june = path.join(ICTRP, 'COVID19-web_29June2020.xlsx');
      const july = path.join(ICTRP, 'COVID19-web_7Jul2020.xlsx');
      const s1 = JSON.parse(cli(['ingest', june, '--json'], dir).stdout);
      assert.equal(s1.rejected, 0);
      assert.ok(s1.records > 3800 && s1.records <= 3844, `records ${s1.records}`); // 3,844 rows, EU CTR member states merged
      assert.equal(s1.new, s1.records);
      const s2 = JSON.parse(cli(['ingest', june, '--json'], dir).stdout);
      assert.deepEqual([s2.new, s2.changed, s2.unchanged], [0, 0, s1.records]);
      const s3 = JSON.parse(cli(['ingest', july, '--json'], dir).stdout);
      assert.equal(s3.new + s3.changed + s3.unchanged, s3.records);
      // 3,837 rows are in both files and 3,660 of them are identical apart from the refresh/export dates
      assert.ok(s3.changed > 100 && s3.changed < 400, `changed ${s3.changed}`);
      assert.ok(s3.unchanged > 3400, `unchanged ${s3.unchanged}`);

      const changes = cli(['export', '--what', 'changes'], dir).stdout.trim().split('\n').map((l) => JSON.parse(l));
      // every new version has a field change, but 3 (EUCTR2020-001375-32, EUCTR2020-001740-26, EUCTR2020-002448-21)
      // whose only difference is in ICTRP's own columns (`raw`: bridging flags, the untrimmed primary outcome text),
      // which `changes` does not list as a change of the trial
      assert.equal(new Set(changes.map((c) => c.registrationId)).size, s3.changed - 3, 'every new version but 3 has a field change');
      const find = (id: string, field: string) => changes.find((c) => c.registrationId === id && c.field === field);
      // verified in both files: NCT04252885 Recruiting → Not recruiting, target 125 → 86;
      // CTRI/2020/05/025167 target 32 → 64; ISRCTN50189673 target 12000 → 15000
      assert.deepEqual([find('NCT04252885', 'enrollment.target')?.before, find('NCT04252885', 'enrollment.target')?.after], [125, 86]);
      assert.equal(find('NCT04252885', 'status.recruitment')?.before, 'recruiting');
      assert.notEqual(find('NCT04252885', 'status.recruitment')?.after, 'recruiting');
      assert.deepEqual([find('CTRI/2020/05/025167', 'enrollment.target')?.before, find('CTRI/2020/05/025167', 'enrollment.target')?.after], [32, 64]);
      assert.deepEqual([find('ISRCTN50189673', 'enrollment.target')?.before, find('ISRCTN50189673', 'enrollment.target')?.after], [12000, 15000]);
      assert.ok(changes.every((c) => /29June2020/.test(c.fromSnapshot) && /7Jul2020/.test(c.toSnapshot)));

      const store = await openStore(path.join(dir, 'trialatlas.db'));
      try {
        assert.equal((await store.getRegistration('NCT04252885', 1))?.registration.enrollment.target, 125);
        assert.equal((await store.getRegistration('NCT04252885'))?.registration.enrollment.target, 86);
        let versions = 0;
        for await (const r of store.latest()) versions += (await store.versions(r.id)).length;
        assert.equal(versions, s1.new + s3.new + s3.changed, 'a version only for new or changed content');
      } finally { await store.close(); }
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });

test('search, link --same (override), show and link --rebuild keep the override', () => {
  const dir = tempDir();
  try {
    assert.equal(cli(['ingest', FIXTURE], dir).code, 0);
    const hits = JSON.parse(cli(['search', 'umbilical', '--json'], dir).stdout) as { total: number; hits: { lead: { id: string } }[] };
    assert.equal(hits.hits[0]?.lead.id, 'NCT09900001');
    assert.equal(cli(['link', '--same', 'NCT09900001', 'NCT09900003'], dir).code, 0);
    const show = JSON.parse(cli(['show', 'NCT09900003', '--json'], dir).stdout);
    assert.deepEqual([...show.study.registrationIds].sort(), ['NCT09900001', 'NCT09900003']);
    assert.equal(show.registrations.length, 2);
    const rebuilt = cli(['link', '--rebuild', '--json'], dir);
    assert.equal(rebuilt.code, 0);
    const summary = JSON.parse(rebuilt.stdout) as { registrations: number; studies: number; links: Record<string, number> };
    assert.ok(summary.registrations >= 3 && summary.studies < summary.registrations, rebuilt.stdout);
    assert.equal(summary.links.manual ?? 0, 0, 'overrides are not counted as computed links');
    const again = JSON.parse(cli(['show', 'NCT09900001', '--json'], dir).stdout);
    assert.deepEqual([...again.study.registrationIds].sort(), ['NCT09900001', 'NCT09900003']);
    assert.equal(cli(['link', '--same', 'NCT09900001'], dir).code, 1);
    assert.equal(cli(['link', '--same', 'NCT09900001', 'NCT00000000'], dir).code, 1);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('start ingests the bundled examples and serves them', { skip: !existsSync(path.join(ROOT, 'examples')) && 'no ./examples yet' }, async () => {
  const dir = tempDir();
  const child = spawn(process.execPath, [MAIN, 'start', '--port', '0', '--db', path.join(dir, 'start.db')], { cwd: dir });
  try {
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /serving on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`start exited ${code}: ${out} ${err}`)));
    });
    assert.match(out, /ingesting \d+ example file\(s\)/);
    assert.match(out, /0 rejected/);
    const res = await fetch(`${url}/api/v1/studies?pageSize=100`);
    assert.equal(res.status, 200);
    const body = await res.json() as { studies: unknown[] };
    assert.ok(body.studies.length >= 3, `${body.studies.length} studies served`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an ingest killed mid-file leaves a valid database and a re-run finishes the job',
  { skip: !existsSync(CTGOV) && 'needs ../shared (the ClinicalTrials.gov downloads in shared/data/ctgov-tsv)' }, async () => {
    const dir = tempDir();
    try {
      const file = path.join(CTGOV, 'ctgov-covid-20201012.tsv');
      const db = path.join(dir, 'killed.db');
      const child = spawn(process.execPath, [MAIN, 'ingest', file, '--db', db], { cwd: dir, stdio: 'ignore' });
      const exited = new Promise((r) => child.once('exit', r));
      // kill as soon as the first batches are committed (if it finishes first, the re-run must still agree)
      for (let i = 0; i < 600 && child.exitCode === null; i++) {
        await new Promise((r) => setTimeout(r, 50));
        if (!existsSync(db)) continue;
        const probe = await openStore(db).catch(() => null);
        const n = probe ? await probe.count().catch(() => 0) : 0;
        await probe?.close();
        if (n > 0) { child.kill('SIGKILL'); break; }
      }
      await exited;
      const store = await openStore(db);
      const partial = await store.count();
      await store.close();
      assert.ok(partial > 0 && partial <= 3584, `partial ${partial}`);
      const rerun = JSON.parse(cli(['ingest', file, '--db', db, '--json'], dir).stdout);
      assert.equal(rerun.new + rerun.unchanged, 3584);
      assert.equal(rerun.changed, 0);
      assert.equal(rerun.unchanged, partial);
      const check = await openStore(db);
      try {
        assert.equal(await check.count(), 3584);
        assert.deepEqual(await check.pendingIds!(), [], 'every stored registration linked and indexed after the re-run');
      } finally { await check.close(); }
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });

test('every printing command takes --json and --db; --version; a missing path, a bad port or --limit are usage errors (exit 1)', async () => {
  const dir = tempDir();
  try {
    const db = path.join(dir, 'j.db');
    const version = cli(['--version'], dir);
    assert.equal(version.code, 0);
    assert.equal(version.stdout.trim(), JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    const missing = cli(['ingest', 'no-such-file.tsv', '--db', db], dir);
    assert.equal(missing.code, 1, 'a typo in a path is not a rejected record');
    assert.match(missing.stderr, /no such file or directory: no-such-file\.tsv/);
    assert.equal(existsSync(db), false, 'nothing opened');
    assert.equal(cli(['parse', 'no-such-file.tsv'], dir).code, 1);
    assert.equal(cli(['serve', '--port', 'eighty', '--db', db], dir).code, 1);
    const json = (args: string[]) => {
      const r = cli([...args, '--json', '--db', db], dir);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
      return JSON.parse(r.stdout) as unknown; // one JSON document (an object or an array), not NDJSON
    };
    json(['ingest', FIXTURE]);
    json(['parse', FIXTURE]);
    json(['formats']);
    json(['search', 'oxygen']);
    json(['show', 'NCT09900001']);
    json(['export', '--what', 'studies']);
    json(['link', '--rebuild']);
    assert.equal(cli(['search', 'oxygen', '--limit', '0', '--db', db], dir).code, 1);
    const child = spawn(process.execPath, [MAIN, 'serve', '--json', '--port', '0', '--db', db], { cwd: dir });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => { out += c.toString(); if (out.includes('\n')) resolve(out.split('\n')[0]!); });
        child.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
      });
      const { url, readOnly } = JSON.parse(line) as { url: string; readOnly: boolean };
      assert.equal(readOnly, true);
      assert.equal((await fetch(`${url}/api/v1/studies?pageSize=1`)).status, 200);
    } finally { child.kill('SIGTERM'); }
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('show and search print registry text without terminal control sequences or bidi overrides', async () => {
  const { renderShow } = await import('./commands/show.js');
  const { emptyRegistration } = await import('../model/registration.js');
  const r = emptyRegistration('NCT09900099', 'ClinicalTrials.gov');
  r.titles.public = 'Safe title\u001b]0;pwned\u0007\u001b[2J and \u202eevil\u202c';
  r.sponsor.primary = 'Sponsor\u009b31m';
  const text = renderShow({
    study: { studyId: r.id, registrationIds: [r.id], primaryId: r.id, publications: [], characteristics: {}, discrepancies: [], links: [] },
    registrations: [r], versions: { [r.id]: [{ version: 1, snapshot: { file: 'f\u001b[1m.tsv', format: 'x', exportedAt: null, ingestedAt: '2026-01-01' }, changedFields: [] }] },
  }, 200);
  assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  assert.match(text, /Safe title\?\]0;pwned\?\?\[2J and \?evil\?/);
});

test('read commands on a database path that does not exist exit 1 naming it, and create nothing; only ingest creates one', () => {
  const dir = tempDir();
  try {
    const db = path.join(dir, 'typo.db');
    const reads: string[][] = [['search', 'covid'], ['show', 'NCT09900001'], ['export', '--what', 'studies'], ['export', '--format', 'csv', '--out', 'x.csv'],
      ['serve', '--port', '0'], ['link', '--rebuild']];
    for (const args of reads) {
      // spawnSync with a timeout: a serve that starts anyway fails the test instead of hanging it
      const r = spawnSync(process.execPath, [MAIN, ...args, '--db', db], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
      assert.equal(r.status, 1, `${args[0]}: exit 1 (got ${r.status}${r.signal ? `, killed by ${r.signal}` : ''}): ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`no database at ${db.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), `${args[0]}: names the path`);
      assert.equal(existsSync(db), false, `${args[0]}: no empty database created`);
      assert.equal(existsSync(path.join(dir, 'x.csv')), false, `${args[0]}: no output file`);
    }
    assert.equal(cli(['ingest', FIXTURE, '--db', db], dir).code, 0);
    assert.equal(existsSync(db), true, 'ingest creates the database');
    const found = cli(['search', 'oxygen', '--db', db], dir);
    assert.equal(found.code, 0, found.stderr);
    // a PostgreSQL URL is not a path: it is tried, and the connection error is what is reported
    const pg = cli(['search', 'covid', '--db', 'postgres://nobody:secret@127.0.0.1:1/x'], dir);
    assert.equal(pg.code, 1);
    assert.doesNotMatch(pg.stderr, /no database at/);
    assert.match(pg.stderr, /ECONNREFUSED/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('export with a format it cannot write, or a query that does not parse, leaves no file behind', () => {
  const dir = tempDir();
  try {
    const db = path.join(dir, 'e.db');
    assert.equal(cli(['ingest', FIXTURE, '--db', db], dir).code, 0);
    for (const [args, why] of [[['--what', 'changes', '--format', 'ris'], /not available for --what changes/],
      [['--what', 'characteristics', '--format', 'fhir'], /not available for --what characteristics/],
      [['--query', 'cond:(covid'], /./]] as const) {
      const out = path.join(dir, 'out.file');
      const r = cli(['export', ...args, '--out', out, '--db', db], dir);
      assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, why);
      assert.equal(existsSync(out), false, `${args.join(' ')}: no empty file left`);
    }
    // --out in a folder that does not exist: one clear line for every format (XLSX threw an unhandled 'error' event)
    for (const format of ['xlsx', 'csv']) {
      const r = cli(['export', '--what', 'changes', '--format', format, '--out', path.join(dir, 'no-such-folder', `x.${format}`), '--db', db], dir);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /cannot write --out .*its folder does not exist/);
      assert.doesNotMatch(r.stderr, /Unhandled|at .*\.js:\d+/, 'no stack trace');
    }
    const ok = cli(['export', '--what', 'characteristics', '--per', 'study', '--format', 'csv', '--out', 'c.csv', '--db', db], dir);
    assert.equal(ok.code, 0, ok.stderr);
    assert.ok(readFileSync(path.join(dir, 'c.csv'), 'utf8').startsWith('\ufeffstudy_id,registration_ids,id,registry,title,title_from,'));
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
