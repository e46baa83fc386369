/** Marks a row this workstation changed that the server has not acknowledged yet. */
export function PendingMark({ pending }: { pending: boolean }) {
  if (!pending) return null;
  return (
    <span className="pending-mark" title="Saved on this workstation, not yet synced">
      ● not synced
    </span>
  );
}
