/**
 * A page's read: calls an action when the page opens (and on `reload`), and exposes what the
 * page-state component shows: loading, the failure's message, or the data.
 */
import type { AdminAction } from '@shared/admin-client';
import { type ShallowRef, shallowRef } from 'vue';

import { type AdminFailure, type AdminRequest, type AdminResponse, callAdmin as defaultCall, type CallAdmin } from '.';

export interface AdminRequestState<A extends AdminAction> {
  readonly loading: ShallowRef<boolean>;
  readonly error: ShallowRef<AdminFailure['error'] | null>;
  readonly data: ShallowRef<AdminResponse<A> | null>;
  reload(): Promise<void>;
}

export function useAdminRequest<A extends AdminAction>(
  action: A,
  request: () => AdminRequest<A>,
  call: CallAdmin = defaultCall,
): AdminRequestState<A> {
  const loading = shallowRef(true);
  const error = shallowRef<AdminFailure['error'] | null>(null);
  const data = shallowRef(null) as ShallowRef<AdminResponse<A> | null>;
  let latest = 0;

  async function reload(): Promise<void> {
    const ticket = ++latest;
    loading.value = true;
    error.value = null;
    const result = await call(action, request());
    if (ticket !== latest) return; // a newer reload has started: its answer wins
    loading.value = false;
    if (result.ok) data.value = result.data;
    else error.value = result.error;
  }

  void reload();
  return { loading, error, data, reload };
}
