import { useEffect } from 'react';

/**
 * Forms with input not yet saved, so that a restart into an update can refuse to lose it
 * (core/update/restart-decision.ts). A form registers while it is dirty and leaves when it is
 * saved, reset or closed.
 */
const dirtyForms = new Set<symbol>();

/** How many forms on screen hold unsaved input now. */
export function unsavedFormCount(): number {
  return dirtyForms.size;
}

/** Registers the calling form while `isDirty` (react-hook-form's `formState.isDirty`). */
export function useDirtyForm(isDirty: boolean): void {
  useEffect(() => {
    if (!isDirty) return;
    const token = Symbol('dirty form');
    dirtyForms.add(token);
    return () => {
      dirtyForms.delete(token);
    };
  }, [isDirty]);
}
