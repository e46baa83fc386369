import {
  can,
  conflictResolveRoles,
  OPERATION_ACCESS,
  ROUTE_PERMISSIONS,
  TABLE_EDITORS,
  type RouteAccess,
} from '../../core/auth/permissions.js';
import { STAFF_ROLES, type StaffRole } from '../../core/domain/enums.js';
import { MUTATION_NAMES } from '../../core/mutations/registry.js';
import type { ReplicatedTableName } from '../../core/sync/tables.js';

/**
 * The permission matrix (core/auth/permissions.ts) as the Markdown tables docs/security.md
 * shows between its `permission-matrix` markers. A unit test compares the two, so the page
 * cannot drift from the code; on a change, paste the test's expected text into the page.
 */

const HEADER = `| | ${STAFF_ROLES.map((role) => role.replace('_', ' ')).join(' | ')} |`;
const RULE = `|---|${STAFF_ROLES.map(() => ':-:').join('|')}|`;
const mark = (allowed: boolean) => (allowed ? 'yes' : '-');
const row = (label: string, allowed: (role: StaffRole) => boolean) =>
  `| ${label} | ${STAFF_ROLES.map((role) => mark(allowed(role))).join(' | ')} |`;

function accessText(access: RouteAccess | 'open'): string {
  if (typeof access !== 'string') return `session, ${access.join(' or ')}`;
  return { public: 'anyone', device: 'enrolled device', session: 'device + any session', open: 'nobody signed in' }[
    access
  ];
}

export function permissionTables(): string {
  const conflictTables = (Object.keys(TABLE_EDITORS) as ReplicatedTableName[]).filter(
    (table) => TABLE_EDITORS[table].length > 0,
  );
  return [
    '**Mutations** (who may run each; the server checks every pushed mutation):',
    '',
    HEADER,
    RULE,
    ...MUTATION_NAMES.map((name) => row(`\`${name}\``, (role) => can(role, { mutation: name }))),
    '',
    '**Resolving a conflict** (`conflict.resolve`), by the table the conflict was recorded on; any other table: admins:',
    '',
    HEADER,
    RULE,
    ...conflictTables.map((table) => row(`\`${table}\``, (role) => conflictResolveRoles(table).includes(role))),
    '',
    '**Workstation operations** (core/api/contract.ts):',
    '',
    '| Operation | Who |',
    '|---|---|',
    ...Object.entries(OPERATION_ACCESS).map(([name, access]) => `| \`${name}\` | ${accessText(access)} |`),
    '',
    '**Central server routes**:',
    '',
    '| Route | Who |',
    '|---|---|',
    ...Object.entries(ROUTE_PERMISSIONS).map(([route, access]) => `| \`${route}\` | ${accessText(access)} |`),
  ].join('\n');
}
