import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';
import { useDocumentOffset } from './use-document-offset.js';
import { useFocusRange } from './use-focus-range.js';

interface WindowListProps<Item> {
  items: readonly Item[];
  /** A stable key per item, so measured heights follow the items when the list changes. */
  itemKey: (item: Item) => string;
  render: (item: Item) => ReactNode;
  /** A generous guess of an entry's height in px; real heights are measured as entries are drawn. */
  estimateSize: number;
  /** The list's accessible name. */
  label: string;
  /** Space between entries in px (default 16, the page's --space-4 stack gap). */
  gap?: number;
}

/** Entries drawn beyond each edge of the window, so Tab always finds the next entry's controls. */
const OVERSCAN = 4;

/**
 * A list of cards of varying height that can grow without bound (inbox queues), scrolling with
 * the page: only the entries near the window are in the document. Each entry is an `<li>`
 * carrying its position in the whole list (`aria-posinset` / `aria-setsize`), so assistive
 * technology still reads "3 of 800". An empty list renders an empty `<ol>`: callers show their
 * own empty state.
 */
export function WindowList<Item>({ items, itemKey, render, estimateSize, label, gap = 16 }: WindowListProps<Item>) {
  const listRef = useRef<HTMLOListElement>(null);
  const scrollMargin = useDocumentOffset(listRef);
  const focusRange = useFocusRange();
  const virtualizer = useWindowVirtualizer({
    count: items.length,
    estimateSize: () => estimateSize,
    gap,
    overscan: OVERSCAN,
    scrollMargin,
    rangeExtractor: focusRange.rangeExtractor,
    getItemKey: (index) => {
      const item = items[index];
      return item === undefined ? index : itemKey(item);
    },
  });
  return (
    <ol
      ref={listRef}
      onFocus={focusRange.onFocus}
      aria-label={label}
      className="vlist"
      style={{ height: virtualizer.getTotalSize() }}
    >
      {virtualizer.getVirtualItems().map((row) => (
        <li
          key={row.key}
          ref={virtualizer.measureElement}
          data-index={row.index}
          aria-posinset={row.index + 1}
          aria-setsize={items.length}
          style={{ transform: `translateY(${row.start - scrollMargin}px)` }}
        >
          {render(items[row.index]!)}
        </li>
      ))}
    </ol>
  );
}
