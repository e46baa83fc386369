/** Marks a booking still waiting for a patient who has died: staff cancel it or call the owner. */
export function DeceasedFlag() {
  return (
    <span className="badge badge-danger deceased-flag" data-testid="deceased-flag" title="Cancel it or call the owner">
      Patient deceased
    </span>
  );
}
