import { useState, type ReactNode } from 'react';
import type { DayAppointment } from '../../../../core/api/views.js';
import { RescheduleDialog } from '../booking/reschedule-dialog.js';
import { AppointmentDialog } from './appointment-dialog.js';

/**
 * The details dialog and the reschedule dialog of the calendar views, opened by id so the
 * details follow the latest data. `dialogs` must be rendered once by the screen.
 */
export function useAppointmentDialogs(list: readonly DayAppointment[]): {
  openDetails: (item: DayAppointment) => void;
  reschedule: (item: DayAppointment) => void;
  dialogs: ReactNode;
} {
  const [openId, setOpenId] = useState<string | null>(null);
  const [moving, setMoving] = useState<DayAppointment | null>(null);
  const open = list.find((item) => item.id === openId) ?? null;
  const dialogs = (
    <>
      <AppointmentDialog
        appointment={open}
        all={[...list]}
        onClose={() => {
          setOpenId(null);
        }}
        onReschedule={(item) => {
          setOpenId(null);
          setMoving(item);
        }}
      />
      <RescheduleDialog
        appointment={moving}
        onClose={() => {
          setMoving(null);
        }}
      />
    </>
  );
  return {
    openDetails: (item) => {
      setOpenId(item.id);
    },
    reschedule: (item) => {
      setMoving(item);
    },
    dialogs,
  };
}
