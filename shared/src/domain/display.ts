/**
 * How people and prices appear to other shoppers: nicknames are masked (a group page is public: it is
 * shared into chats), prices are written the way a share card writes them (`29.9元`), and the share
 * title tells the reader what the group still needs. Integer fen only: no floats.
 */
import type { GroupStatus } from './group.machine';

/** What a shopper without a nickname is called (WeChat's own placeholder). */
export const ANONYMOUS_NICKNAME = '微信用户';

/**
 * `张三` → `张*`, `张小三` → `张*三`, `解放碑吃货` → `解**货`: the first character, at most two asterisks,
 * and the last character when there are three or more; never more than four characters. Characters are
 * code points, so an emoji is never cut in half. An empty nickname reads as `微信用户`.
 */
export function maskNickname(nickname: string): string {
  const chars = Array.from(nickname.trim());
  const [first] = chars;
  if (first === undefined) return ANONYMOUS_NICKNAME;
  if (chars.length <= 2) return `${first}*`;
  const last = chars[chars.length - 1] ?? '';
  return `${first}${'*'.repeat(Math.min(chars.length - 2, 2))}${last}`;
}

/** `2990` → `29.9`, `3000` → `30`, `2995` → `29.95`, `5` → `0.05`: yuan without trailing zeros or a sign. */
export function yuanText(amount: number): string {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`not an amount of fen: ${amount}`);
  const yuan = Math.trunc(amount / 100);
  const cents = amount % 100;
  if (cents === 0) return String(yuan);
  if (cents % 10 === 0) return `${yuan}.${cents / 10}`;
  return `${yuan}.${cents < 10 ? '0' : ''}${cents}`;
}

export interface ShareableGroup {
  readonly status: GroupStatus;
  readonly size: number;
  readonly seatsTaken: number;
  readonly deadlineAt: number;
  readonly groupPrice: number;
  readonly title: string;
}

/**
 * The title of the group's share card: `【还差2人】29.9元拼老火锅底料` while it has seats to give,
 * `【即将成团】…` when every seat is taken and payments are pending, `【已成团】…` once it succeeded, and
 * `【已结束】…` once it can take nobody (failed, abandoned, past its deadline, or never opened).
 */
export function shareTitle(group: ShareableGroup, now: number): string {
  const offer = `${yuanText(group.groupPrice)}元拼${group.title}`;
  if (group.status === 'succeeded') return `【已成团】${offer}`;
  if (group.status !== 'forming' || group.deadlineAt <= now) return `【已结束】${offer}`;
  const left = Math.max(0, group.size - group.seatsTaken);
  return left > 0 ? `【还差${left}人】${offer}` : `【即将成团】${offer}`;
}
