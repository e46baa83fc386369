import { humanize } from '../../ui/format.js';

const TONE: Record<string, string> = {
  draft: '',
  sent: 'badge-info',
  paid: 'badge-success',
  overdue: 'badge-danger',
  cancelled: 'badge-warning',
};

export function BillStatusBadge({ status }: { status: string | null }) {
  return <span className={`badge ${TONE[status ?? ''] ?? ''}`}>{humanize(status)}</span>;
}
