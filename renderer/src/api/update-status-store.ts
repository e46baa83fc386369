import type { UpdateState } from '../../../core/update/update-state.js';
import { externalStore } from './external-store.js';

/**
 * The desktop app's update state, pushed by `update.status` events. `unavailable` until the
 * backend says otherwise, and for good in the web bridge, where the UI shows nothing of it.
 */
const store = externalStore<UpdateState>({ state: 'unavailable' });

export const setUpdateState = store.set;
export const getUpdateState = store.get;
export const subscribeUpdateState = store.subscribe;
