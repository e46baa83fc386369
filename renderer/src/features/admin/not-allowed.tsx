/**
 * Shown instead of a screen the signed-in role may not open (an admin page by its address):
 * nothing of the screen is read, so none of its data reaches the page. Its title is the page's
 * heading, so a screen reader lands on it as on any other screen's.
 */
export function NotAllowed() {
  return (
    <div className="state" data-testid="not-allowed">
      <h1 className="state-title">Not allowed</h1>
      <p>
        This page is for practice admins. Ask an admin if you need something from it.{' '}
        <a href="#/today">Back to today</a>
      </p>
    </div>
  );
}
