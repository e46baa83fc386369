import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { EmptyState, ErrorState, Skeleton } from '../../ui/states.js';
import { WindowList } from '../../ui/window-list.js';

interface InboxSectionProps<Item extends { id: string }> {
  /** Id of the section's heading. */
  id: string;
  title: string;
  query: UseQueryResult<Item[]>;
  empty: { title: string; text: string };
  /** A generous guess of a card's height in px (see `WindowList`). */
  estimateSize: number;
  render: (item: Item) => ReactNode;
}

/** One queue of Sync review: its count, loading and error states, an empty state, and a virtualised list. */
export function InboxSection<Item extends { id: string }>({
  id,
  title,
  query,
  empty,
  estimateSize,
  render,
}: InboxSectionProps<Item>) {
  return (
    <section className="stack" aria-labelledby={id}>
      <h2 id={id}>
        {title} <span className="badge">{query.data?.length ?? 0}</span>
      </h2>
      {query.isPending ? <Skeleton lines={3} /> : null}
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data?.length === 0 ? <EmptyState title={empty.title}>{empty.text}</EmptyState> : null}
      {query.data && query.data.length > 0 ? (
        <WindowList
          items={query.data}
          itemKey={(item) => item.id}
          estimateSize={estimateSize}
          label={title}
          render={render}
        />
      ) : null}
    </section>
  );
}
