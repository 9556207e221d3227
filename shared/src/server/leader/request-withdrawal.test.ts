/**
 * requestWithdrawal through the emulator: the amount is reserved from the balance at once; below ¥1, above the
 * balance or past the day's cap is refused with its code and writes nothing; a tap sent twice (one key) records one;
 * a dozen different taps at once when the balance covers one record exactly one; a shopper who is not a leader is
 * refused.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { refusal } from '../testing/envelopes';
import { usePlatform } from '../testing/use-platform';
import { addEntries, askWithdrawal, withdrawableLeader } from '../testing/withdrawals';

const platform = usePlatform();
const RACERS = 12;

const withdrawalsOf = (openid: string) => platform.find('withdrawals', { leaderOpenid: openid });

describe('requestWithdrawal', () => {
  it('reserves the amount: the balance shows it under way, the leader reads it 待审核', async () => {
    const leader = await withdrawableLeader(platform, [3_000, 2_000]);
    const asked = await askWithdrawal(platform, leader, 1_500);
    if (!asked.ok) throw new Error(asked.error.code);
    expect(asked.data.withdrawal).toMatchObject({ amount: 1_500, status: 'requested', statusLabel: '待审核' });
    expect(asked.data.balance).toMatchObject({
      withdrawableEarned: 5_000,
      reserved: 1_500,
      paidOut: 0,
      available: 3_500,
      maxWithdrawal: 3_500,
    });
    const [doc] = await withdrawalsOf(leader);
    expect(doc).toMatchObject({
      _id: asked.data.withdrawal.withdrawalId,
      outBillNo: asked.data.withdrawal.withdrawalId,
    });
    expect(await platform.get('leaders', leader)).toMatchObject({ withdrawalSeq: 1 });
  });

  it('refuses below the minimum, above the balance and past the day’s cap, writing nothing', async () => {
    const leader = await withdrawableLeader(platform, [60_000, 60_000]);
    expect(refusal(await askWithdrawal(platform, leader, 99))).toBe('WITHDRAWAL_BELOW_MINIMUM');
    expect(refusal(await askWithdrawal(platform, leader, 120_001))).toBe('WITHDRAWAL_EXCEEDS_BALANCE');
    expect(refusal(await askWithdrawal(platform, leader, 100_001))).toBe('WITHDRAWAL_DAILY_CAP');
    expect(await withdrawalsOf(leader)).toHaveLength(0);
    expect((await platform.get('leaders', leader))?.withdrawalSeq).toBeUndefined();
    // The minimum and the cap themselves are allowed: ¥1, then ¥999 more makes ¥1000 today, and not a fen more.
    expect(refusal(await askWithdrawal(platform, leader, 100))).toBe('ok');
    expect(refusal(await askWithdrawal(platform, leader, 99_900))).toBe('ok');
    expect(refusal(await askWithdrawal(platform, leader, 100))).toBe('WITHDRAWAL_DAILY_CAP');
    expect(await withdrawalsOf(leader)).toHaveLength(2);
  });

  it('a tap sent twice, and a dozen times at once, records one withdrawal', async () => {
    const leader = await withdrawableLeader(platform, [1_000]);
    const key = randomUUID();
    const first = await askWithdrawal(platform, leader, 800, key);
    const answers = await Promise.all(Array.from({ length: RACERS }, () => askWithdrawal(platform, leader, 800, key)));
    const ids = new Set([first, ...answers].map((a) => (a.ok ? a.data.withdrawal.withdrawalId : a.error.code)));
    expect(ids.size).toBe(1);
    expect(await withdrawalsOf(leader)).toHaveLength(1);
  });

  it('a dozen different taps at once when the balance covers one: exactly one recorded', async () => {
    const leader = await withdrawableLeader(platform, [1_000]);
    const answers = await Promise.all(Array.from({ length: RACERS }, () => askWithdrawal(platform, leader, 700)));
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(new Set(answers.filter((a) => !a.ok).map(refusal))).toEqual(new Set(['WITHDRAWAL_EXCEEDS_BALANCE']));
    expect(await withdrawalsOf(leader)).toHaveLength(1);
    // New earnings make room for another.
    await addEntries(platform, leader, [500]);
    expect(refusal(await askWithdrawal(platform, leader, 700))).toBe('ok');
    expect(refusal(await askWithdrawal(platform, leader, 101))).toBe('WITHDRAWAL_EXCEEDS_BALANCE');
  });

  it('refuses a shopper who is not a registered leader', async () => {
    expect(refusal(await askWithdrawal(platform, 'o-wd-not-a-leader', 500))).toBe('FORBIDDEN');
    expect(await withdrawalsOf('o-wd-not-a-leader')).toHaveLength(0);
  });
});
