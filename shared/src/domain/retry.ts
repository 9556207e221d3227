/**
 * The rule for asking an outside service again after a failed attempt (CloudPay's refunds, WeChat's shipping
 * information): wait 1, 2, 4... minutes, at most an hour, and after the last allowed attempt hand the record
 * to ops instead.
 */

/** The delay before asking again after a failed attempt (attempts 1, 2, ...): 1, 2, 4 ... 60 minutes. */
export const retryDelayMs = (attempts: number): number => Math.min(60_000 * 2 ** (attempts - 1), 3_600_000);

/** What a failed attempt leads to: another one later, or ops after the last of `maxAttempts`. */
export function afterFailedAttemptOf(
  attempts: number,
  now: number,
  maxAttempts: number,
): { readonly event: 'request_failed'; readonly nextAttemptAt: number } | { readonly event: 'gave_up' } {
  return attempts >= maxAttempts
    ? { event: 'gave_up' }
    : { event: 'request_failed', nextAttemptAt: now + retryDelayMs(attempts) };
}
