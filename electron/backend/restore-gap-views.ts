import type { DeviceView, RestoreGapView, StaffRow } from '../../core/api/views.js';
import type { RestoreGap } from '../../core/sync/restore-gaps.js';

/**
 * The server's restore gaps with the device and staff names this workstation's replica holds
 * (the server sends ids only). A name stays null for a device or person the replica does not
 * know, rather than guessing. Pure.
 */
export function restoreGapViews(
  gaps: readonly RestoreGap[],
  staff: readonly StaffRow[],
  devices: readonly DeviceView[],
): RestoreGapView[] {
  const staffNames = new Map(staff.map((member) => [member.id, member.display_name ?? member.username]));
  const deviceNames = new Map(devices.map((device) => [device.id, device.name]));
  return gaps.map((gap) => ({
    ...gap,
    deviceName: deviceNames.get(gap.deviceId) ?? null,
    staffName: staffNames.get(gap.staffId) ?? null,
  }));
}
