import { humanize } from '../../ui/format.js';
import { isStatus, STATUS_TONE } from './appointment-status.js';

export function StatusBadge({ status }: { status: string | null }) {
  return <span className={`badge ${isStatus(status) ? STATUS_TONE[status] : ''}`}>{humanize(status)}</span>;
}
