/**
 * One value the backend pushes (sync status, update state), held for `useSyncExternalStore`:
 * a plain external store rather than a query, since nobody needs to refetch it.
 */
export interface ExternalStore<Value> {
  // Properties, not methods: each is handed around alone (to useSyncExternalStore, to events).
  get: () => Value;
  set: (value: Value) => void;
  subscribe: (listener: () => void) => () => void;
}

export function externalStore<Value>(initial: Value): ExternalStore<Value> {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set: (value) => {
      current = value;
      for (const listener of listeners) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
