/**
 * The configured client. The API base is fixed at build time (`VITE_ADMIN_API_BASE`, default: the
 * console's own origin + ADMIN_API_PREFIX). Sign-out and the password prompt only change the session; the
 * router reacts to the session (router/index.ts), so this module knows nothing about pages.
 */
import { ADMIN_API_PREFIX, ERROR_MESSAGES } from '@shared/admin-client';

import { session } from '../session';
import { createAdminClient } from './client';

export * from './client';

export const apiBase = import.meta.env.VITE_ADMIN_API_BASE || ADMIN_API_PREFIX;

export const callAdmin = createAdminClient({
  apiBase,
  token: () => session.token(),
  onSessionInvalid: (message) => session.signOut(message || ERROR_MESSAGES.SESSION_INVALID),
  onPasswordChangeRequired: () => {
    const staff = session.current.value?.staff;
    if (staff && !staff.mustChangePassword) session.updateStaff({ ...staff, mustChangePassword: true });
  },
});
