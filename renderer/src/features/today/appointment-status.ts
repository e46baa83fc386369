import type { AppointmentStatus } from '../../../../core/domain/enums.js';

type SettableStatus = Exclude<AppointmentStatus, 'cancelled'>;

/** The next steps staff can take from each status, in the order the day goes. */
export const NEXT_ACTIONS: Record<AppointmentStatus, { status: SettableStatus; label: string }[]> = {
  scheduled: [
    { status: 'confirmed', label: 'Confirm' },
    { status: 'checked_in', label: 'Check in' },
    { status: 'no_show', label: 'No-show' },
  ],
  confirmed: [
    { status: 'checked_in', label: 'Check in' },
    { status: 'no_show', label: 'No-show' },
  ],
  checked_in: [{ status: 'in_progress', label: 'Start' }],
  in_progress: [{ status: 'completed', label: 'Complete' }],
  completed: [],
  cancelled: [],
  no_show: [],
};

export const CANCELLABLE: ReadonlySet<string> = new Set(['scheduled', 'confirmed', 'checked_in']);

export const STATUS_TONE: Record<AppointmentStatus, string> = {
  scheduled: '',
  confirmed: 'badge-info',
  checked_in: 'badge-warning',
  in_progress: 'badge-accent',
  completed: 'badge-success',
  cancelled: 'badge-danger',
  no_show: 'badge-danger',
};
