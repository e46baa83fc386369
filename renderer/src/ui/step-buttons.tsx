interface StepButtonsProps {
  /** What one step is, for the buttons' names: "Previous day", "Next week". */
  unit: string;
  /** The middle button: "Today", "This week". */
  currentLabel: string;
  /** Disables the middle button when already there. */
  atCurrent: boolean;
  /** -1 for previous, +1 for next. */
  onStep: (direction: -1 | 1) => void;
  onCurrent: () => void;
}

/** ‹ current › : the previous/current/next buttons of the day and week calendars. */
export function StepButtons({ unit, currentLabel, atCurrent, onStep, onCurrent }: StepButtonsProps) {
  return (
    <>
      <button
        type="button"
        className="btn"
        onClick={() => {
          onStep(-1);
        }}
        aria-label={`Previous ${unit}`}
      >
        ‹
      </button>
      <button type="button" className="btn" onClick={onCurrent} disabled={atCurrent}>
        {currentLabel}
      </button>
      <button
        type="button"
        className="btn"
        onClick={() => {
          onStep(1);
        }}
        aria-label={`Next ${unit}`}
      >
        ›
      </button>
    </>
  );
}
