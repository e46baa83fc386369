import type { AuditSettings, TransactionOptions } from './connection.js';

/**
 * The statement that opens a transaction with the requested isolation.
 * Kept as literal SQL because BEGIN takes no parameters.
 */
export function beginStatement(options: TransactionOptions | undefined): string {
  return options?.isolation ? `begin isolation level ${options.isolation}` : 'begin';
}

/**
 * A single SELECT that sets every audit setting for the current transaction only
 * (`set_config(..., true)` is `SET LOCAL`), or null when there is nothing to set.
 */
export function auditSettingsStatement(audit: AuditSettings | undefined): { text: string; params: string[] } | null {
  if (!audit) return null;
  const pairs: [string, string | undefined][] = [
    ['vetdesk.staff_id', audit.staffId],
    ['vetdesk.device_id', audit.deviceId],
    ['vetdesk.mutation_id', audit.mutationId],
    ['vetdesk.audit_context', audit.auditContext ? JSON.stringify(audit.auditContext) : undefined],
  ];
  const present = pairs.filter((pair): pair is [string, string] => pair[1] !== undefined);
  if (present.length === 0) return null;
  const params: string[] = [];
  const calls = present.map(([name, value]) => {
    params.push(name, value);
    return `set_config($${params.length - 1}, $${params.length}, true)`;
  });
  return { text: `select ${calls.join(', ')}`, params };
}
