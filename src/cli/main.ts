#!/usr/bin/env node
/**
 * The `trialatlas` command line (shared/SPEC.md): wiring only — each command lives in ./commands/.
 * Exit codes: 0 ok, 1 usage error or fatal failure, 2 finished but some input records were rejected.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { openStore, DEFAULT_DB, isPostgresUrl } from '../store/index.js';
import type { Store } from '../store/types.js';
import { EXPORT_FORMATS, EXPORT_WHATS } from '../export/index.js';
import { EXIT_FATAL } from './report.js';
import { runParse } from './commands/parse.js';
import { runIngest } from './commands/ingest.js';
import { runExport, UsageError } from './commands/export.js';
import { runSearch } from './commands/search.js';
import { runShow } from './commands/show.js';
import { runFormats } from './commands/formats.js';
import { runLink } from './commands/link.js';
import { runServe, runStart } from './commands/serve.js';

type DbOpts = { db: string };

/** Open the store, run, close — whatever happens. */
async function withStore(opts: DbOpts, run: (store: Store) => Promise<number>): Promise<number> {
  const store = await openStore(opts.db);
  try { return await run(store); } finally { await store.close(); }
}

/**
 * Only `ingest` (and `start`, which ingests) creates a database. Any other command given a SQLite path that is not
 * there has a mistyped --db: opening it would create an empty database and answer "0 studies" as if that were true.
 * A PostgreSQL URL is not a path (its tables are created on first use).
 */
export function requireExistingDb(db: string): void {
  if (isPostgresUrl(db) || db === ':memory:' || existsSync(db)) return;
  throw new UsageError(`no database at ${db} (nothing has been ingested there; check --db, or create it with \`trialatlas ingest FILE… --db ${db}\`)`);
}

/** withStore for commands that read: the database must exist. */
function withExistingStore(opts: DbOpts, run: (store: Store) => Promise<number>): Promise<number> {
  requireExistingDb(opts.db);
  return withStore(opts, run);
}

/** The package's version (package.json next to dist/), for --version. */
function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch { return '0.0.0'; }
}

/** A path that does not exist is a usage error (exit 1), not a rejected input record (exit 2): nothing is read. */
function checkPaths(paths: string[]): void {
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length) throw new UsageError(`no such file or directory: ${missing.join(', ')}`);
}

function dbOption(): Option {
  return new Option('--db <path-or-url>', 'SQLite file, or a postgres:// URL').default(DEFAULT_DB);
}

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('trialatlas')
    .description('An open clinical-trial register: read registry exports, link registrations into studies, keep every version.')
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError()
    .exitOverride();
  const done = (p: Promise<number>) => p.then(setExit);

  program.command('parse').description('parse files and print canonical registrations as NDJSON (no database)')
    .argument('<file...>').option('--format <id>', 'force an input format (see `trialatlas formats`)')
    .option('--json', 'print one JSON array instead of NDJSON').option('-q, --quiet', 'no per-file tally on stderr').addOption(dbOption())
    .action((files: string[], o) => { checkPaths(files); return done(runParse(files, o)); });

  program.command('ingest').description('store, link and index every record of the files or directories')
    .argument('<file-or-dir...>').option('--format <id>', 'force an input format').option('--json', 'print the summary as JSON')
    .addOption(dbOption())
    .action((paths: string[], o) => { checkPaths(paths); return done(withStore(o, (s) => runIngest(s, paths, o))); });

  program.command('export').description('write registrations, studies, characteristics or changes')
    .addOption(new Option('--what <what>', 'what to export').choices(EXPORT_WHATS).default('registrations'))
    .addOption(new Option('--format <format>', 'output format').choices(EXPORT_FORMATS).default('ndjson'))
    .option('--query <q>', 'only what this search query matches').option('--out <file>', 'write here instead of stdout')
    .addOption(new Option('--per <unit>', 'characteristics: a row per registration or per study (linked registrations merged)').choices(['registration', 'study']).default('registration'))
    .option('--json', 'same as --format json').addOption(dbOption())
    .action((o) => done(withExistingStore(o, (s) => runExport(s, { ...o, format: o.json && o.format === 'ndjson' ? 'json' : o.format }))));

  program.command('search').description('search studies with the query language of the API')
    .argument('<query...>').option('--limit <n>', 'studies to show (1–1000)', '20').option('--sort <order>', 'relevance, date or updated')
    .option('--json', 'print the search response as JSON').option('--no-synonyms', 'do not add synonyms (MSC, COVID-19…) to the terms')
    .addOption(dbOption())
    .action((q: string[], o) => {
      if (!/^\d+$/.test(o.limit) || Number(o.limit) < 1 || Number(o.limit) > 1000) throw new UsageError(`search: --limit must be a whole number from 1 to 1000 (got "${o.limit}")`);
      return done(withExistingStore(o, (s) => runSearch(s, q.join(' '), o)));
    });

  program.command('show').description('one study: registrations side by side, discrepancies, version history')
    .argument('<id>').option('--json', 'print as JSON').addOption(dbOption())
    .action((id: string, o) => done(withExistingStore(o, (s) => runShow(s, id, o))));

  program.command('serve').description('web UI and REST API')
    .option('--port <port>', 'port', '8080').option('--host <host>', 'host', '127.0.0.1')
    .option('--json', 'print where it serves as JSON').addOption(dbOption())
    .action((o) => { checkPort(o.port); requireExistingDb(o.db); return done(openStore(o.db).then((s) => runServe(s, o))); });

  program.command('formats').description('list the input formats it recognises').option('--json', 'as JSON')
    .addOption(dbOption())
    .action((o) => done(Promise.resolve(runFormats(o))));

  program.command('link').description('rebuild links and studies, or assert/forbid a link between two registrations')
    .option('--rebuild', 'recompute every link and study (overrides respected)')
    .option('--same <ids...>', 'assert that registrations A and B are the same trial')
    .option('--different <ids...>', 'forbid linking registrations A and B').option('--note <text>', 'why (kept with the override)')
    .option('--json', 'print the outcome as JSON').addOption(dbOption())
    .action((o) => done(withExistingStore(o, (s) => runLink(s, o))));

  program.command('start').description('ingest the bundled examples and serve them (npm start)')
    .option('--port <port>', 'port', '8080').option('--host <host>', 'host', '127.0.0.1')
    .option('--json', 'print the ingest summary and where it serves as JSON').addOption(dbOption())
    .action((o) => { checkPort(o.port); return done(openStore(o.db).then((s) => runStart(s, o))); });

  return program;
}

function checkPort(port: string): void {
  if (!/^\d+$/.test(port) || Number(port) > 65535) throw new UsageError(`--port must be a number from 0 to 65535 (got "${port}")`);
}

export async function main(argv: string[]): Promise<number> {
  // a reader that stops early (`| head`) is not an error
  process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); else throw e; });
  let code = 0;
  const program = buildProgram((c) => { code = c; });
  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : EXIT_FATAL;
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`trialatlas: ${message}\n`);
    if (!(e instanceof UsageError) && process.env.TRIALATLAS_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    return EXIT_FATAL;
  }
}

// run when executed directly (node dist/cli/main.js); bin/trialatlas.js imports main() instead
function invokedDirectly(): boolean {
  try { return realpathSync(process.argv[1] ?? '') === fileURLToPath(import.meta.url); } catch { return false; }
}
if (invokedDirectly()) main(process.argv).then((code) => { process.exitCode = code; });
