/** The PostgreSQL server the suites use, and how a newcomer is told when it is missing. */

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** `TEST_DATABASE_URL`, or the local default: a maintenance database on a server tests may use. */
export function testServerUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env['TEST_DATABASE_URL'] || DEFAULT_TEST_DATABASE_URL;
}

export function missingServerMessage(url: string, cause: unknown): string {
  return [
    `The PostgreSQL test suites need a server and could not reach ${url}: ${String(cause)}`,
    'Set TEST_DATABASE_URL to a database on a server where tests may create and drop databases',
    '(for example postgres://postgres@127.0.0.1:5432/postgres), or run `bash .ci/run` to install one.',
    'They are never skipped: a PostgreSQL test that does not run is a failure.',
  ].join('\n');
}

/** A database name unique to this run, safe to create and drop. */
export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}
