import pg from 'pg';

/**
 * Administration of whole PostgreSQL databases on a server: used by tests, benchmarks and the
 * restore drill, each of which works in a database of its own.
 */

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `serverUrl` with its database path replaced by `database`. */
export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

async function onMaintenanceConnection<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates database `name` on the server `serverUrl` points at (connecting to the database in
 * that URL, typically `postgres`), optionally as a copy of `template`.
 * @returns the connection string of the new database.
 */
export async function createDatabase(serverUrl: string, name: string, template?: string): Promise<string> {
  await onMaintenanceConnection(serverUrl, (client) =>
    client.query(`create database ${quoteIdent(name)}${template ? ` template ${quoteIdent(template)}` : ''}`),
  );
  return withDatabase(serverUrl, name);
}

/** Drops database `name` if it exists, disconnecting anyone still using it. */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await onMaintenanceConnection(serverUrl, (client) =>
    client.query(`drop database if exists ${quoteIdent(name)} with (force)`),
  );
}
