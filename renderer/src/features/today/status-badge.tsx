import { humanize } from '../../ui/format.js';
import type { AppointmentStatus } from '../../../../core/domain/enums.js';
import { STATUS_TONE } from './appointment-status.js';

export function StatusBadge({ status }: { status: AppointmentStatus }) {
  return <span className={`badge ${STATUS_TONE[status]}`}>{humanize(status)}</span>;
}
