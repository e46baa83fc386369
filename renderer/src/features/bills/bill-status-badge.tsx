import type { BillStatus } from '../../../../core/domain/enums.js';
import { humanize } from '../../ui/format.js';

const TONE: Record<BillStatus, string> = {
  draft: '',
  sent: 'badge-info',
  paid: 'badge-success',
  overdue: 'badge-danger',
  cancelled: 'badge-warning',
};

export function BillStatusBadge({ status }: { status: BillStatus }) {
  return <span className={`badge ${TONE[status]}`}>{humanize(status)}</span>;
}
