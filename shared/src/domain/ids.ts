/** Ids of the documents the server creates. Pure: the server supplies the random bytes. */
import { formatBusinessTime } from '../kernel/time';

const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * O: order (also CloudPay's outTradeNo), G: group; made in the console: A: activity, P: product, S: SKU,
 * PP: pickup point; the 团长 programme: LA: leader application, W: withdrawal (also its transfer's out_bill_no, so
 * only letters and digits).
 */
export type IdPrefix = 'O' | 'G' | 'A' | 'P' | 'S' | 'PP' | 'LA' | 'W';

/** Random characters in an id: with the second it is made in, enough that two never meet. */
export const ID_RANDOM_LENGTH = 8;

/** `O20261125203000k3j9x0qa`: sortable by time, unique by 8 random characters, ≤ 32 chars for CloudPay. */
export function formatId(prefix: IdPrefix, now: number, random: Uint8Array): string {
  const suffix = Array.from(random.subarray(0, ID_RANDOM_LENGTH), (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');
  return `${prefix}${formatBusinessTime(now, 'YYYYMMDDHHmmss')}${suffix}`;
}
