/**
 * Who the shopper is and who sent them. Login is the `login` function (the openid comes from WeChat,
 * there is no password), called once per launch and shared by every page that asks. The sharer's ref
 * arrives in a share path (`from=`) or a poster's scene and is kept for a day: the home page shows that
 * shopper's groups.
 */
import type { Envelope, loginContract, ResponseOf } from '@shared/client';
import { callFunction } from './cloud';

export type Me = ResponseOf<typeof loginContract>;

let pending: Promise<Envelope<Me>> | undefined;

/** The logged-in shopper; a failed login is retried by the next caller. */
export function login(): Promise<Envelope<Me>> {
  if (!pending) {
    pending = callFunction('login', {}).then((answer) => {
      if (!answer.ok) pending = undefined;
      return answer;
    });
  }
  return pending;
}

/** Forget the cached login (after updateProfile, or in tests). */
export function resetLogin(): void {
  pending = undefined;
}

const SHARER_KEY = 'sharedBy';
const SHARER_TTL_MS = 24 * 60 * 60 * 1000;

/** Remember who shared the card or poster the shopper arrived through. */
export function rememberSharer(ref: string | undefined, now = Date.now()): void {
  if (ref) wx.setStorageSync(SHARER_KEY, { ref, at: now });
}

/** The sharer remembered within the last day, if any. */
export function sharer(now = Date.now()): string | undefined {
  const saved = wx.getStorageSync(SHARER_KEY) as { ref?: unknown; at?: unknown } | '';
  if (!saved || typeof saved.ref !== 'string' || typeof saved.at !== 'number') return undefined;
  return now - saved.at < SHARER_TTL_MS ? saved.ref : undefined;
}
