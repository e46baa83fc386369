/** The keyboard shortcuts, listed once for both the handler and the help dialog. */
export const SHORTCUTS: readonly { keys: string[]; description: string }[] = [
  { keys: ['Ctrl', 'K'], description: 'Search owners and patients (⌘K on a Mac)' },
  { keys: ['/'], description: 'Search owners and patients' },
  { keys: ['g', 't'], description: 'Go to Today' },
  { keys: ['g', 'i'], description: 'Go to Sync review (conflicts and refused changes)' },
  { keys: ['g', 's'], description: 'Open search' },
  { keys: ['[', ']'], description: 'Today: previous / next day (week in the week view)' },
  { keys: ['d'], description: 'Calendar: day view' },
  { keys: ['w'], description: 'Calendar: week view' },
  { keys: ['r'], description: 'Calendar: reschedule the focused appointment (or drag it)' },
  { keys: ['n'], description: 'Patient chart: new medical record' },
  { keys: ['Ctrl', 'L'], description: 'Lock the screen and switch user (type a username next)' },
  { keys: ['?'], description: 'Show this help' },
  { keys: ['Esc'], description: 'Close a dialog or search' },
];
