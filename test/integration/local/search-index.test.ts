import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadLocalMigrations, migrateLocal } from '../../../db/local/migrate.js';
import { openLocalDatabase } from '../../../db/local/open.js';
import { LocalReplica } from '../../../db/local/replica.js';
import { newId } from '../../../core/ids.js';
import { SEARCH_CANDIDATES } from '../../../db/local/search-index.js';
import type { ServerChange } from '../../../db/local/server-truth.js';
import { useLocalReplica } from '../../helpers/local-replica.js';
import { serverOwner } from '../../helpers/server-rows.js';

const staffId = newId();
const inserts = (rows: Record<string, unknown>[]): ServerChange[] => rows.map((row) => ({ operation: 'insert', row }));

/**
 * How many FTS5 segments the index has written since it was created: the write counter of its
 * structure record (fts5_index.c: 4-byte cookie, optional 4-byte V2 marker, then varints
 * nLevel, nSegment, nWriteCounter).
 */
function ftsSegmentWrites(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    const block = db.prepare('select block from search_fts_data where id = 10').pluck().get() as Buffer;
    let at = 4;
    if (block[at] === 0xff && block[at + 1] === 0x00 && block[at + 2] === 0x00 && block[at + 3] === 0x01) at += 4;
    const varint = (): number => {
      let value = 0;
      for (let i = 0; i < 9; i++) {
        const byte = block[at++]!;
        if (i === 8) return value * 256 + byte;
        value = value * 128 + (byte & 0x7f);
        if ((byte & 0x80) === 0) return value;
      }
      return value;
    };
    varint(); // levels
    varint(); // segments
    return varint();
  } finally {
    db.close();
  }
}

describe('local search index', () => {
  const { replica, file } = useLocalReplica();
  const ids = (query: string, limit?: number) =>
    replica()
      .searchOwnersAndPatients(query, limit)
      .map((hit) => hit.id);

  it('writes the documents of a batch of server rows in one go, not one FTS5 segment per row', () => {
    const owners = Array.from({ length: 300 }, (_, i) => serverOwner(newId(), { last_name: `Batch${i}` }));
    replica().applyServerChanges('owners', inserts(owners), [], { handle: 'h', offset: '0_0', upToDate: false });
    // One statement per document flushed a segment per row: over 300 writes for this batch.
    expect(ftsSegmentWrites(file())).toBeLessThan(30);
    expect(ids('batch', 500)).toHaveLength(300);
    expect(ids('batch299')).toEqual([owners[299]!.id]);
  });

  it('indexes the last state of each row of a batch, and the overlay over it', () => {
    const [renamed, removed, softDeleted, overlaid] = [newId(), newId(), newId(), newId()];
    replica().applyServerChanges('owners', inserts([serverOwner(overlaid, { last_name: 'Pending' })]), ['1']);
    replica().runMutation(
      'owner.update',
      { id: overlaid, changes: { last_name: 'Localchange' }, base: { last_name: 'Pending' } },
      { id: staffId, role: 'front_desk' },
    );
    replica().applyServerChanges(
      'owners',
      [
        { operation: 'insert', row: serverOwner(renamed, { last_name: 'Before' }) },
        { operation: 'insert', row: serverOwner(removed, { last_name: 'Gone' }) },
        { operation: 'insert', row: serverOwner(softDeleted, { last_name: 'Archived' }) },
        { operation: 'update', row: serverOwner(renamed, { last_name: 'After', version: 2 }) },
        { operation: 'delete', row: { id: removed } },
        { operation: 'update', row: serverOwner(softDeleted, { deleted_at: '2026-11-23 09:00:00+00' }) },
        { operation: 'update', row: serverOwner(overlaid, { last_name: 'Servername', version: 2 }) },
      ],
      ['2'],
    );
    expect(ids('after')).toEqual([renamed]);
    expect(ids('before')).toEqual([]);
    expect(ids('gone')).toEqual([]);
    expect(ids('archived')).toEqual([]);
    // The pending local change still shows over the server's newer row.
    expect(ids('localchange')).toEqual([overlaid]);
    expect(ids('servername')).toEqual([]);
  });

  it('answers one- and two-letter prefixes with matching hits only', () => {
    const [lovelace, babbage, hopper] = [newId(), newId(), newId()];
    replica().applyServerChanges(
      'owners',
      inserts([
        serverOwner(lovelace),
        serverOwner(babbage, { first_name: 'Charles', last_name: 'Babbage', email: null, phone: null, city: null }),
        serverOwner(hopper, { first_name: 'Grace', last_name: 'Hopper', email: null, phone: '0799', city: null }),
      ]),
      ['1'],
    );
    expect(ids('l').sort()).toEqual([lovelace]);
    expect(ids('ba')).toEqual([babbage]);
    expect(ids('g')).toEqual([hopper]);
    expect(ids('07')).toEqual([hopper]);
    expect(ids('q')).toEqual([]);
  });

  it('ranks title words above the rest, and answers a prefix matching more documents than it ranks', () => {
    const many = Array.from({ length: SEARCH_CANDIDATES * 2 }, (_, i) =>
      serverOwner(newId(), { first_name: 'Sam', last_name: `Smith${i}`, email: null, phone: null, city: null }),
    );
    const livesInSomerton = serverOwner(newId(), { last_name: 'Jones', first_name: 'Eve', city: 'Somerton' });
    const namedSomers = serverOwner(newId(), { last_name: 'Somers', first_name: 'Eve', city: 'Bath' });
    replica().applyServerChanges('owners', inserts([livesInSomerton, ...many, namedSomers]), ['1']);
    expect(ids('some')).toEqual([namedSomers.id, livesInSomerton.id]);
    const hits = replica().searchOwnersAndPatients('s', 25);
    expect(hits).toHaveLength(25);
    for (const hit of hits) expect(hit.title).toMatch(/(^|\W)s/i);
    expect(ids('smith999')).toEqual([many[999]!.id]);
  });
});

describe('the one-letter prefix index (local migration 0007)', () => {
  it('rebuilds the index of a replica searched before it, every document kept', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vetdesk-local-'));
    const file = path.join(dir, 'workstation.sqlite');
    try {
      const migrations = await loadLocalMigrations();
      const before = migrations.findIndex((migration) => migration.version === 7);
      expect(before).toBeGreaterThan(0);
      const db = openLocalDatabase(file);
      migrateLocal(db, migrations.slice(0, before));
      db.prepare(
        `insert into search_docs (entity_key, kind, entity_id, title, subtitle, body)
         values ('owners/1', 'owner', '1', 'Lovelace, Ada', null, 'Ada Lovelace')`,
      ).run();
      db.close();
      const replica = await LocalReplica.open(file);
      try {
        expect(replica.searchOwnersAndPatients('l').map((hit) => hit.id)).toEqual(['1']);
        expect(replica.searchOwnersAndPatients('lovelace').map((hit) => hit.id)).toEqual(['1']);
      } finally {
        replica.close();
      }
      const prefix = new Database(file, { readonly: true });
      try {
        const sql = prefix.prepare(`select sql from sqlite_master where name = 'search_fts'`).pluck().get();
        expect(sql).toMatch(/prefix = '1 2 3'/);
      } finally {
        prefix.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
