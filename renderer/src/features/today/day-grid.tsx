import { formatTime } from '../../ui/format.js';
import { DAY_END_MINUTES, DAY_START_MINUTES, SLOT_MINUTES, type VetColumn } from './day-layout.js';
import { AppointmentBlock } from './appointment-block.js';
import type { DayAppointment } from '../../../../core/api/views.js';

// Hour labels in the same locale format as the bookings' times.
const HOUR_LABELS = Array.from({ length: (DAY_END_MINUTES - DAY_START_MINUTES) / 60 }, (_, index) => {
  const at = new Date(2000, 0, 1, DAY_START_MINUTES / 60 + index);
  return formatTime(at.toISOString());
});

const SLOT_COUNT = (DAY_END_MINUTES - DAY_START_MINUTES) / SLOT_MINUTES;

interface DayGridProps {
  columns: VetColumn[];
  onOpen: (item: DayAppointment) => void;
  /** A click on free space in a vet's column: that vet, minutes since midnight of the slot. */
  onSlot?: (vetId: string | null, minutes: number) => void;
}

/**
 * Vets as columns over a 08:00-19:00 grid of 15-minute rows. Clicking free space books that
 * quarter hour (the "New booking" button is the keyboard way to the same dialog).
 */
export function DayGrid({ columns, onOpen, onSlot }: DayGridProps) {
  return (
    <div className="day-grid" role="region" aria-label="Appointments by vet">
      <div className="day-axis" aria-hidden="true">
        <div className="day-column-head" />
        <div className="day-slots">
          {HOUR_LABELS.map((label) => (
            <span key={label} className="day-hour-label">
              {label}
            </span>
          ))}
        </div>
      </div>
      {columns.map((column) => (
        <section key={column.vetId ?? 'none'} className="day-column" aria-label={column.name}>
          <h3 className="day-column-head">
            {column.name} <span className="muted">{column.placed.length}</span>
          </h3>
          <div
            className={`day-slots ${onSlot ? 'day-slots-free' : ''}`}
            data-testid="day-slots"
            title={onSlot ? `Click free time to book with ${column.name}` : undefined}
            onClick={(event) => {
              if (!onSlot || event.target !== event.currentTarget) return;
              const rect = event.currentTarget.getBoundingClientRect();
              const slot = Math.floor(((event.clientY - rect.top) / rect.height) * SLOT_COUNT);
              onSlot(column.vetId, DAY_START_MINUTES + Math.min(Math.max(slot, 0), SLOT_COUNT - 1) * SLOT_MINUTES);
            }}
          >
            {column.placed.map((placed) => (
              <AppointmentBlock
                key={placed.appointment.id}
                placed={placed}
                onOpen={() => {
                  onOpen(placed.appointment);
                }}
              />
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
