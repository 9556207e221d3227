/**
 * The signed-in member of staff: their session token and who they are. Kept in `sessionStorage`, not
 * `localStorage`: consoles run on shared shop and office computers, and a session that ends with the
 * browser (and is never shared with other tabs or other people's later visits) is the safer default; a
 * tab can also sign in as someone else than its neighbour, which ops use to check what a merchant sees.
 * The token never goes into a cookie, so there is no CSRF to defend against; it leaves the page only in
 * the `Authorization` header of the console's own API calls.
 */
import { type Staff, staffLoginContract } from '@shared/admin-client';
import { type Ref, shallowRef } from 'vue';

export interface StaffSession {
  readonly token: string;
  /** When the server said the session ends if idle (epoch ms); informative, the server decides. */
  readonly expiresAt: number;
  readonly staff: Staff;
}

export type SessionStorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const SESSION_STORAGE_KEY = 'shancheng.console.session';

export interface SessionStore {
  /** The current session, or null when signed out; reactive. */
  readonly current: Readonly<Ref<StaffSession | null>>;
  /** Why the last session ended (the server's message), for the login page to show once. */
  readonly notice: Ref<string | null>;
  token(): string | undefined;
  signIn(session: StaffSession): void;
  /** The staff member as the server now describes them (role, merchant, mustChangePassword). */
  updateStaff(staff: Staff): void;
  /** Signs out locally; `notice` says why, when it was not the staff member's own choice. */
  signOut(notice?: string): void;
}

export function createSessionStore(storage: SessionStorageLike | undefined): SessionStore {
  const current = shallowRef<StaffSession | null>(load(storage));
  const notice = shallowRef<string | null>(null);

  const save = (session: StaffSession | null): void => {
    current.value = session;
    try {
      if (session) storage?.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
      else storage?.removeItem(SESSION_STORAGE_KEY);
    } catch {
      // Storage full or disabled: the session still lives in memory for this page.
    }
  };

  return {
    current,
    notice,
    token: () => current.value?.token,
    signIn(session) {
      notice.value = null;
      save(session);
    },
    updateStaff(staff) {
      if (current.value) save({ ...current.value, staff });
    },
    signOut(reason) {
      notice.value = reason ?? null;
      save(null);
    },
  };
}

/** The stored session, if it is still well-formed (a stored value from an older console is dropped). */
function load(storage: SessionStorageLike | undefined): StaffSession | null {
  try {
    const raw = storage?.getItem(SESSION_STORAGE_KEY);
    if (!raw) return null;
    const parsed = staffLoginContract.response.safeParse(JSON.parse(raw));
    if (parsed.success) return parsed.data;
    storage?.removeItem(SESSION_STORAGE_KEY);
  } catch {
    // Unreadable storage or JSON: signed out.
  }
  return null;
}
