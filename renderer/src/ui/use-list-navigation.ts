import { useState, type KeyboardEvent } from 'react';

/**
 * Arrow-key movement through a list of results typed into a text box (search, pickers): which
 * result is active, and a key handler for ArrowUp/ArrowDown. Enter stays with the caller, which
 * knows what choosing a result means.
 */
export function useListNavigation(count: number): {
  active: number;
  setActive: (index: number) => void;
  onArrowKey: (event: KeyboardEvent) => boolean;
} {
  const [active, setActive] = useState(0);
  return {
    active,
    setActive,
    /** Moves the active result; true when the key was an arrow it handled. */
    onArrowKey: (event) => {
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return false;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => Math.min(Math.max(0, count - 1), Math.max(0, index + step)));
      return true;
    },
  };
}
