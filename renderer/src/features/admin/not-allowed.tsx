import { EmptyState } from '../../ui/states.js';

/**
 * Shown instead of a screen the signed-in role may not open (an admin page by its address):
 * nothing of the screen is read, so none of its data reaches the page.
 */
export function NotAllowed() {
  return (
    <div data-testid="not-allowed">
      <EmptyState title="Not allowed">
        This page is for practice admins. Ask an admin if you need something from it.{' '}
        <a href="#/today">Back to today</a>
      </EmptyState>
    </div>
  );
}
