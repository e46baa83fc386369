import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../core/ids.js';
import { PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION } from '../../core/sync/protocol.js';
import { REQUEST_ID_HEADER } from '../../core/sync/request-id.js';
import { billNumberIntegrity } from '../../db/central/queries/bill-number-integrity.js';
import type { DevelopmentWorkstation } from '../../electron/backend/workstation.js';
import { usePostgresWithUrl } from '../helpers/central-db.js';
import { startLoadBalancer, type LoadBalancer } from '../helpers/load-balancer.js';
import { spawnServer, type ServerProcess } from '../helpers/server-process.js';
import { insertClusterStaff, openSyncedWorkstation, waitFor, type ClusterStaff } from '../helpers/sync-cluster.js';
import { envelope, ownerArgs } from '../helpers/sync-fixtures.js';

const INSTANCES = 3;
const WORKSTATIONS = 3;
/** Per workstation and round. */
const OWNERS = 3;
const BILLS = 2;

/** Everything each workstation queued has been answered and has come back through the shapes. */
function quiet(workstations: readonly DevelopmentWorkstation[]): boolean {
  return workstations.every((w) => {
    const counts = w.replica.counts();
    return counts.pending === 0 && counts.acknowledged === 0 && w.sync.status().initialSync.done;
  });
}

describe('several central server processes over one PostgreSQL database', () => {
  // One database and one set of instances for the file: starting a server process is the slow part.
  const central = usePostgresWithUrl('vetdesk_scale', { scope: 'file' });
  const servers: ServerProcess[] = [];
  const folders: string[] = [];
  let staff: ClusterStaff;
  beforeAll(async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vetdesk-scale-'));
    folders.push(dataDir);
    const env = { DATABASE_URL: central.url(), VETDESK_DEV_AUTH: '1', HOST: '127.0.0.1', VETDESK_DATA_DIR: dataDir };
    const started = await Promise.allSettled(Array.from({ length: INSTANCES }, () => spawnServer(env)));
    for (const result of started) if (result.status === 'fulfilled') servers.push(result.value);
    for (const result of started) if (result.status === 'rejected') throw result.reason;
    staff = await insertClusterStaff(central.db());
  });
  afterAll(async () => {
    await Promise.all(servers.splice(0).map((server) => server.stop()));
    for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
  });

  const workstations: DevelopmentWorkstation[] = [];
  let balancer: LoadBalancer | undefined;
  afterEach(async () => {
    for (const workstation of workstations.splice(0)) {
      if (workstation.replica.isOpen) await workstation.stop();
    }
    await balancer?.close();
    balancer = undefined;
  });

  /** Creates owners and issued bills on `workstation`; returns their ids. */
  async function work(workstation: DevelopmentWorkstation): Promise<{ owners: string[]; bills: string[] }> {
    const owners: string[] = [];
    const bills: string[] = [];
    for (let i = 0; i < OWNERS; i++) {
      const args = ownerArgs({ last_name: `Scale ${i}` });
      await workstation.backend.call('mutate', { name: 'owner.create', args });
      owners.push(args.id);
    }
    for (let i = 0; i < BILLS; i++) {
      const id = newId();
      const item = {
        id: newId(),
        description: 'Consultation',
        quantity: '1',
        unit_price: '45.00',
        tax_rate: '0.2',
        price_list_item_id: null,
      };
      await workstation.backend.call('mutate', {
        name: 'bill.create',
        args: { id, owner_id: owners[i]!, patient_id: null, notes: null, items: [item] },
      });
      await workstation.backend.call('mutate', { name: 'bill.issue', args: { id, due_date: null } });
      bills.push(id);
    }
    return { owners, bills };
  }

  it('wakes a live shape on one instance with a change pushed through another, at once', async () => {
    const [a, b] = servers;
    const deviceId = newId();
    const auth = { authorization: `Bearer dev-device:${deviceId}` };
    const initial = await fetch(`${a!.url}/v1/shape?table=owners&offset=-1`, { headers: auth });
    expect(initial.status).toBe(200);
    await initial.arrayBuffer();
    const handle = initial.headers.get('electric-handle')!;
    const offset = initial.headers.get('electric-offset')!;

    // A handle minted by instance A is good on instance B: both derive it from the database.
    const started = Date.now();
    const live = fetch(`${b!.url}/v1/shape?table=owners&offset=${offset}&handle=${handle}&live=true`, {
      headers: auth,
    });
    const owner = ownerArgs();
    const push = await fetch(`${a!.url}/v1/mutations`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION) },
      body: JSON.stringify({
        protocolVersion: SYNC_PROTOCOL_VERSION,
        mutations: [envelope('owner.create', owner, staff.frontDesk)],
      }),
    });
    expect(push.status).toBe(200);
    const answer = await live;
    expect(answer.status).toBe(200);
    const messages = (await answer.json()) as { value?: { id?: string } }[];
    expect(messages.some((message) => message.value?.id === owner.id)).toBe(true);
    // The servers' long poll lasts 20 s: B answered because it saw A's change, not at the timeout.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('converges workstations whose requests alternate between instances, one instance stopping midway', async () => {
    const instances = [...servers];
    const db = central.db();
    const { rows: before } = await db.query<{ n: number }>(`select count(*)::int as n from sync.mutations`);
    balancer = await startLoadBalancer(instances.map((instance) => instance.url));
    for (let i = 0; i < WORKSTATIONS; i++) {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vetdesk-scale-ws-'));
      folders.push(dataDir);
      workstations.push(
        await openSyncedWorkstation(balancer.url, { staffId: staff.frontDesk, dataDir, startSync: true }),
      );
    }

    const first = await Promise.all(workstations.map((workstation) => work(workstation)));
    // Midway, once pushes have reached every instance but while the first round is still being
    // pushed and read: the third instance leaves the rotation and shuts down cleanly (requests in
    // flight finish; its long polls answer at once and the workstations poll the others).
    await waitFor(
      'pushes through every instance',
      () => balancer!.routed.filter((r) => r.path === '/v1/mutations').length >= INSTANCES,
      workstations,
    );
    const leaving = instances[INSTANCES - 1]!;
    balancer.drain(leaving.url);
    expect(await leaving.stop(), leaving.output()).toBe(0);
    servers.splice(servers.indexOf(leaving), 1);
    const second = await Promise.all(workstations.map((workstation) => work(workstation)));

    const owners = [...first, ...second].flatMap((made) => made.owners);
    const bills = [...first, ...second].flatMap((made) => made.bills);
    await waitFor(
      'every change on every workstation',
      () =>
        quiet(workstations) &&
        workstations.every(
          (w) =>
            owners.every((id) => w.replica.getServerRow('owners', id) !== undefined) &&
            bills.every((id) => w.replica.getServerRow('bills', id)?.['bill_number'] != null),
        ),
      workstations,
      60_000,
    );

    // Nothing lost, nothing twice: every mutation applied once, every row once.
    const mutations = WORKSTATIONS * 2 * (OWNERS + 2 * BILLS);
    const ledger = await db.query<{ status: string; n: number }>(
      `select status, count(*)::int as n from sync.mutations group by status`,
    );
    expect(ledger.rows).toEqual([{ status: 'applied', n: before[0]!.n + mutations }]);
    const ownerRows = await db.query<{ id: string }>(`select id from owners where last_name like 'Scale %'`);
    expect(ownerRows.rows.map((row) => row.id).sort()).toEqual([...owners].sort());
    // Bill numbers issued through different instances at once: unique and gapless.
    expect(await billNumberIntegrity(db)).toEqual({
      bills: bills.length,
      duplicates: 0,
      gaps: 0,
      highest: bills.length,
      counter: bills.length,
    });
    // Every workstation holds the server's numbers.
    const numbers = await db.query<{ id: string; bill_number: string }>(`select id, bill_number from bills`);
    for (const workstation of workstations) {
      expect(workstation.replica.rejected()).toEqual([]);
      for (const row of numbers.rows) {
        expect(workstation.replica.getServerRow('bills', row.id)?.['bill_number']).toBe(row.bill_number);
      }
    }

    // The workstations really did switch instances: pushes and live reads reached each one.
    const reached = (pathName: string, live: boolean) =>
      new Set(balancer!.routed.filter((r) => r.path === pathName && r.live === live).map((r) => r.instance));
    expect(reached('/v1/mutations', false).size).toBe(INSTANCES);
    expect(reached('/v1/shape', true).size).toBe(INSTANCES);
    // Each of their sync requests carried a request id of its own.
    const syncRequests = balancer.routed.filter((r) => r.path === '/v1/mutations' || r.path === '/v1/shape');
    expect(syncRequests.every((r) => r.requestId !== undefined)).toBe(true);
    expect(new Set(syncRequests.map((r) => r.requestId)).size).toBe(syncRequests.length);
    expect(REQUEST_ID_HEADER).toBe('x-request-id');
  });
});
