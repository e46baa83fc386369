/** Reads an online-only admin screen from the server again ("Loading…" while it does). */
export function ReloadButton({ query }: { query: { isFetching: boolean; refetch: () => Promise<unknown> } }) {
  return (
    <button type="button" className="btn" onClick={() => void query.refetch()} disabled={query.isFetching}>
      {query.isFetching ? 'Loading…' : 'Reload'}
    </button>
  );
}
