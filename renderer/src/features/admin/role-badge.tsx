import type { StaffRole } from '../../../../core/domain/enums.js';
import { humanize } from '../../ui/format.js';

const ROLE_CLASS: Readonly<Record<StaffRole, string>> = {
  admin: 'badge-accent',
  vet: 'badge-info',
  nurse: 'badge-success',
  front_desk: 'badge-warning',
};

/** A staff member's role as a coloured badge (the colour is a help, the word says it). */
export function RoleBadge({ role }: { role: StaffRole }) {
  return <span className={`badge ${ROLE_CLASS[role]}`}>{humanize(role)}</span>;
}
