/**
 * Who the shopper is and who sent them. Login is the `login` function (the openid comes from WeChat,
 * there is no password), called once per launch and shared by every page that asks. The sharer's ref
 * arrives in a share path (`from=`) or a poster's scene and is kept for a day: the home page shows that
 * shopper's groups, and the orders placed within that day carry it (`referrerRef`), so they count in the sharer's
 * share funnel; the page the card opened reports the visit (`reportShareVisit`).
 */
import {
  type Envelope,
  type loginContract,
  type ResponseOf,
  type ShareVisitStage,
  userRefSchema,
} from '@shared/client';
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

/** The remembered sharer as an order carries it: only a well-formed ref (a crafted link's junk is dropped). */
export function referrerRef(now = Date.now()): string | undefined {
  const ref = sharer(now);
  return ref && userRefSchema.safeParse(ref).success ? ref : undefined;
}

/**
 * Tells the sharer's funnel how far the visitor got through their card or poster: `opened` as the page loads,
 * `viewed` once its detail has loaded. Fire and forget: the page never waits for it nor shows its failure; a
 * page opened without a well-formed ref reports nothing.
 */
export function reportShareVisit(
  ref: string | undefined,
  target: { readonly groupId: string } | { readonly activityId: string },
  stage: ShareVisitStage,
): void {
  if (!ref || !userRefSchema.safeParse(ref).success) return;
  void callFunction('recordShareVisit', { ref, stage, ...target });
}
