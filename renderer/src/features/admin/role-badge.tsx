import { humanize } from '../../ui/format.js';

const ROLE_CLASS: Readonly<Record<string, string>> = {
  admin: 'badge-accent',
  vet: 'badge-info',
  nurse: 'badge-success',
  front_desk: 'badge-warning',
};

/** A staff member's role as a coloured badge (the colour is a help, the word says it). */
export function RoleBadge({ role }: { role: string | null }) {
  return <span className={`badge ${role ? (ROLE_CLASS[role] ?? '') : ''}`}>{humanize(role)}</span>;
}
