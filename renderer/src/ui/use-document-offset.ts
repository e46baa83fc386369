import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * The element's distance, in px, from the top of the document: what a window virtualizer needs
 * (its `scrollMargin`) to know which of its entries are on screen. Re-read after every render
 * of the caller, since the cards above a list settle as their data arrives; the state changes
 * (one more render) only when the element actually moved, so it settles at once.
 */
export function useDocumentOffset(ref: RefObject<HTMLElement | null>): number {
  const [offset, setOffset] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const top = Math.round(element.getBoundingClientRect().top + window.scrollY);
    if (top !== offset) setOffset(top);
  });
  return offset;
}
