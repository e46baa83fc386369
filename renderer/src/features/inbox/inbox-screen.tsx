import { useApiQuery } from '../../api/use-api-query.js';
import { ConflictCard } from './conflict-card.js';
import { InboxSection } from './inbox-section.js';
import { RejectionCard } from './rejection-card.js';

/**
 * Sync review: what sync could not settle alone, conflicts to review and changes the server
 * refused. Named for what it holds (it was "Inbox", which read like messages); `g i` opens it.
 */
export function InboxScreen() {
  const conflicts = useApiQuery('conflicts.list', {});
  const rejections = useApiQuery('rejections.list', {});
  const staff = useApiQuery('staff.list', {});
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Sync review</h1>
          <p className="page-subtitle">Changes that need a person: conflicts between workstations, refused changes.</p>
        </div>
      </div>
      <InboxSection
        id="conflicts-title"
        title="Conflicts"
        query={conflicts}
        empty={{ title: 'No conflicts', text: 'When two workstations change the same thing, it shows up here.' }}
        estimateSize={260}
        render={(conflict) => <ConflictCard conflict={conflict} staff={staff.data ?? []} />}
      />
      <InboxSection
        id="rejections-title"
        title="Refused changes"
        query={rejections}
        empty={{ title: 'Nothing refused', text: 'Every change made here was accepted by the server.' }}
        estimateSize={240}
        render={(rejection) => <RejectionCard rejection={rejection} />}
      />
    </div>
  );
}
