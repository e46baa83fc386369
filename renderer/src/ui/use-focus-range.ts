import { defaultRangeExtractor, type Range } from '@tanstack/react-virtual';
import { useCallback, useState, type FocusEvent } from 'react';

/** Entries kept drawn after (and before) the one holding focus, whatever the scroll position. */
const AROUND_FOCUS = 3;

/**
 * Keeps a virtualised list walkable with Tab. Scrolling only reaches the virtualizer a frame
 * later, so fast Tab presses (key repeat, assistive technology) could run past the last drawn
 * entry and out of the list. With this, the entry holding focus and a few on either side are
 * drawn as soon as focus moves (React renders focus events synchronously).
 * Spread `onFocus` on the list element; entries must carry `data-index`.
 */
export function useFocusRange(): {
  onFocus: (event: FocusEvent<HTMLElement>) => void;
  rangeExtractor: (range: Range) => number[];
} {
  const [focused, setFocused] = useState<number | null>(null);
  const onFocus = useCallback((event: FocusEvent<HTMLElement>) => {
    const entry = event.target.closest('[data-index]');
    const index = entry ? Number(entry.getAttribute('data-index')) : Number.NaN;
    setFocused(Number.isInteger(index) ? index : null);
  }, []);
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (focused === null) return indexes;
      const from = Math.max(0, focused - AROUND_FOCUS);
      const to = Math.min(range.count - 1, focused + AROUND_FOCUS);
      const extra = Array.from({ length: Math.max(0, to - from + 1) }, (_, offset) => from + offset);
      return [...new Set([...indexes, ...extra])].sort((a, b) => a - b);
    },
    [focused],
  );
  return { onFocus, rangeExtractor };
}
