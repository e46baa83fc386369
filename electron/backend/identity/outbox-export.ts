import type { EnrolmentView, OutboxExport } from '../../../core/api/identity-views.js';
import type { LocalReplica } from '../../../db/local/replica.js';

/**
 * The changes this workstation never got the server to take (pending, and rejected ones still
 * in the inbox) as a JSON file staff can save: what a revoked workstation hands over so nothing
 * made on it is lost. Each mutation keeps its signature, so the server can still tell who made
 * it if an admin replays the file.
 */
export function exportOutbox(replica: LocalReplica, enrolment: EnrolmentView, now: Date = new Date()): OutboxExport {
  const deviceId = enrolment.state === 'not_enrolled' ? null : enrolment.deviceId;
  const mutations = replica.unsent().map((entry) => ({
    id: entry.id,
    name: entry.name,
    args: entry.args,
    staffId: entry.staffId,
    createdAt: entry.createdAt,
    state: entry.state,
    error: entry.error,
    signature: entry.signature,
  }));
  const exportedAt = now.toISOString();
  return {
    fileName: `vetdesk-unsent-changes-${exportedAt.slice(0, 19).replace(/[:T]/g, '-')}.json`,
    json: JSON.stringify({ deviceId, exportedAt, mutations }, null, 2),
    count: mutations.length,
  };
}
