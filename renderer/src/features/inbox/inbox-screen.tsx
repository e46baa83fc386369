import { useApiQuery } from '../../api/use-api-query.js';
import { EmptyState, ErrorState, Skeleton } from '../../ui/states.js';
import { WindowList } from '../../ui/window-list.js';
import { ConflictCard } from './conflict-card.js';
import { RejectionCard } from './rejection-card.js';

/** What sync could not settle alone: conflicts to review and changes the server refused. */
export function InboxScreen() {
  const conflicts = useApiQuery('conflicts.list', {});
  const rejections = useApiQuery('rejections.list', {});
  const staff = useApiQuery('staff.list', {});
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Inbox</h1>
          <p className="page-subtitle">Changes that need a person: conflicts between workstations, refused changes.</p>
        </div>
      </div>
      <section className="stack" aria-labelledby="conflicts-title">
        <h2 id="conflicts-title">
          Conflicts <span className="badge">{conflicts.data?.length ?? 0}</span>
        </h2>
        {conflicts.isPending ? <Skeleton lines={3} /> : null}
        {conflicts.isError ? <ErrorState error={conflicts.error} onRetry={() => void conflicts.refetch()} /> : null}
        {conflicts.data?.length === 0 ? (
          <EmptyState title="No conflicts">When two workstations change the same thing, it shows up here.</EmptyState>
        ) : null}
        {conflicts.data && conflicts.data.length > 0 ? (
          <WindowList
            items={conflicts.data}
            itemKey={(conflict) => conflict.id}
            estimateSize={260}
            label="Conflicts"
            render={(conflict) => <ConflictCard conflict={conflict} staff={staff.data ?? []} />}
          />
        ) : null}
      </section>
      <section className="stack" aria-labelledby="rejections-title">
        <h2 id="rejections-title">
          Refused changes <span className="badge">{rejections.data?.length ?? 0}</span>
        </h2>
        {rejections.isPending ? <Skeleton lines={3} /> : null}
        {rejections.isError ? <ErrorState error={rejections.error} onRetry={() => void rejections.refetch()} /> : null}
        {rejections.data?.length === 0 ? (
          <EmptyState title="Nothing refused">Every change made here was accepted by the server.</EmptyState>
        ) : null}
        {rejections.data && rejections.data.length > 0 ? (
          <WindowList
            items={rejections.data}
            itemKey={(rejection) => rejection.id}
            estimateSize={240}
            label="Refused changes"
            render={(rejection) => <RejectionCard rejection={rejection} />}
          />
        ) : null}
      </section>
    </div>
  );
}
