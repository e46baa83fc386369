import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { SearchHitView } from '../../../../core/api/views.js';
import { ownerLine } from '../patients/patient-line.js';

interface SearchResultsProps {
  hits: SearchHitView[];
  active: number;
  onPick: (hit: SearchHitView) => void;
  onHover: (index: number) => void;
}

const ROW_HEIGHT = 52;

/**
 * The hits as a listbox, virtualised: a common surname can match hundreds of owners. Row
 * geometry is set through the CSSOM (React's style prop), which a `style-src 'self'` CSP allows.
 */
export function SearchResults({ hits, active, onPick, onHover }: SearchResultsProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: hits.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  useEffect(() => {
    if (active >= 0) virtualizer.scrollToIndex(active);
  }, [active, virtualizer]);
  return (
    <div ref={scrollRef} className="search-scroll">
      <div
        id="search-results"
        role="listbox"
        aria-label="Results"
        className="search-list"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const hit = hits[item.index]!;
          return (
            <div
              key={hit.kind + hit.id}
              id={`search-hit-${item.index}`}
              role="option"
              aria-selected={item.index === active}
              className="search-hit"
              style={{ transform: `translateY(${item.start}px)`, height: item.size }}
              onMouseMove={() => {
                onHover(item.index);
              }}
              onClick={() => {
                onPick(hit);
              }}
            >
              <span className={`badge ${hit.kind === 'owner' ? 'badge-accent' : 'badge-success'}`}>
                {hit.kind === 'owner' ? 'Owner' : 'Patient'}
              </span>
              <span className="search-hit-text">
                <span className="search-hit-title">{hit.title}</span>
                {hit.kind === 'patient' ? (
                  <span className="search-hit-subtitle">
                    {hit.subtitle} · Owner: {ownerLine(hit)}
                  </span>
                ) : hit.subtitle ? (
                  <span className="search-hit-subtitle">{hit.subtitle}</span>
                ) : null}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
