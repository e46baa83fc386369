import type { BillStatus } from '../../../../core/domain/enums.js';
import { humanize } from '../../ui/format.js';

const TONE: Record<BillStatus, string> = {
  draft: '',
  sent: 'badge-info',
  paid: 'badge-success',
  overdue: 'badge-danger',
  cancelled: 'badge-warning',
};

/** Staff say "issued"; the stored status keeps its original name, `sent` (nothing is e-mailed). */
const LABEL: Partial<Record<BillStatus, string>> = { sent: 'Issued' };

export function BillStatusBadge({ status }: { status: BillStatus }) {
  return <span className={`badge ${TONE[status]}`}>{LABEL[status] ?? humanize(status)}</span>;
}
