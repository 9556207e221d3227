/**
 * 团长 withdrawals (`withdrawals`). A leader's request is one transaction that reads and rewrites their leader
 * document (`withdrawalSeq`) and adds the withdrawal: two requests of one leader at once both rewrite that document,
 * so the later starts over on what the earlier committed (its withdrawal reserved, its request key taken) and is
 * decided again on that balance. Every later change is one update conditional on the status (and attempts, or the
 * claim) it was decided on, so a repeated or late answer never undoes a newer one. Statuses come from the machine.
 */
import type { CommissionStatus } from '../../domain/commission.machine';
import type { Leader } from '../../domain/leader.schema';
import type { WithdrawalStep } from '../../domain/withdrawal-step';
import {
  WITHDRAWAL_DUE_STATUSES,
  WITHDRAWAL_PAID_STATUS,
  type WithdrawalStatus,
} from '../../domain/withdrawal.machine';
import { type Withdrawal, withdrawalDayStart, withdrawalSchema } from '../../domain/withdrawal.schema';
import { DomainError } from '../../kernel/errors';
import { fen, type Fen } from '../../kernel/money';
import { COLLECTIONS } from '../cloudbase/collections';
import { cmd, db, getById, getMany, type Patch, plain } from '../cloudbase/db';
import { inTransaction } from '../cloudbase/db';

const withdrawals = () => db().collection(COLLECTIONS.withdrawals);

const parse = (doc: unknown): Withdrawal => withdrawalSchema.parse(doc);

export async function getWithdrawal(id: string): Promise<Withdrawal | null> {
  const data = await getById(COLLECTIONS.withdrawals, id);
  return data ? parse(data) : null;
}

/** The leader's withdrawal made for `requestKey`, if any. */
export async function findWithdrawalByKey(leaderOpenid: string, requestKey: string): Promise<Withdrawal | null> {
  const [data] = await getMany(withdrawals().where({ leaderOpenid, requestKey }).limit(1));
  return data ? parse(data) : null;
}

/** A leader's withdrawals summed by status: what the balance deducts. */
export async function sumLeaderWithdrawals(leaderOpenid: string): Promise<{ status: WithdrawalStatus; amount: Fen }[]> {
  const { list } = await withdrawals()
    .aggregate()
    .match({ leaderOpenid })
    .group({ _id: '$status', amount: { $sum: '$amount' } })
    .limit(20)
    .end();
  return (list.map(plain) as { _id: WithdrawalStatus; amount: number }[]).map((row) => ({
    status: row._id,
    amount: fen(row.amount),
  }));
}

/** What a leader's paid withdrawals add up to. */
export async function sumTransferred(leaderOpenid: string): Promise<number> {
  const sums = await sumLeaderWithdrawals(leaderOpenid);
  return sums.filter((s) => s.status === WITHDRAWAL_PAID_STATUS).reduce((total, s) => total + s.amount, 0);
}

/** A leader's withdrawals asked since the start of the Shanghai day `now` is in (for the daily cap). */
export async function listWithdrawalsOfDay(
  leaderOpenid: string,
  now: number,
): Promise<Pick<Withdrawal, 'status' | 'amount' | 'createdAt'>[]> {
  const data = (await getMany(
    withdrawals()
      .where({ leaderOpenid, createdAt: cmd().gte(withdrawalDayStart(now)) })
      .field({ status: true, amount: true, createdAt: true })
      .limit(1000),
  )) as Pick<Withdrawal, 'status' | 'amount' | 'createdAt'>[];
  return data;
}

export interface LeaderFunds {
  readonly entries: readonly { status: CommissionStatus; amount: Fen; clawedBack: Fen }[];
  readonly withdrawals: readonly { status: WithdrawalStatus; amount: Fen }[];
  readonly today: readonly Pick<Withdrawal, 'status' | 'amount' | 'createdAt'>[];
}

/**
 * Records a leader's withdrawal for `requestKey`, serialised per leader (see the module's comment). `funds` reads
 * the balance and the day's withdrawals once the transaction has read the leader, so what it sees includes every
 * request committed before this one; `decide` answers the withdrawal to add or throws the refusal (nothing is
 * written). A key already used answers its withdrawal, `fresh: false`.
 */
export async function recordWithdrawal(
  leaderOpenid: string,
  requestKey: string,
  funds: () => Promise<LeaderFunds>,
  decide: (leader: Leader, funds: LeaderFunds) => Withdrawal,
  parseLeader: (doc: unknown) => Leader,
  now: number,
): Promise<{ withdrawal: Withdrawal; fresh: boolean }> {
  const existing = await findWithdrawalByKey(leaderOpenid, requestKey);
  if (existing) return { withdrawal: existing, fresh: false };
  return inTransaction(async (tx) => {
    const leaderDoc = plain((await tx.collection(COLLECTIONS.leaders).doc(leaderOpenid).get()).data);
    if (!leaderDoc) throw new DomainError('FORBIDDEN', 'not a registered leader');
    const leader = parseLeader(leaderDoc);
    const repeat = await findWithdrawalByKey(leaderOpenid, requestKey);
    if (repeat) return { withdrawal: repeat, fresh: false };
    const withdrawal = decide(leader, await funds());
    await tx.collection(COLLECTIONS.withdrawals).add({ data: withdrawal });
    await tx
      .collection(COLLECTIONS.leaders)
      .doc(leaderOpenid)
      .update({ data: { withdrawalSeq: (leader.withdrawalSeq ?? 0) + 1, updatedAt: now } });
    return { withdrawal, fresh: true };
  });
}

/** A leader's withdrawals, newest first. */
export async function listLeaderWithdrawals(
  leaderOpenid: string,
  page: { readonly offset: number; readonly limit: number },
): Promise<Withdrawal[]> {
  const data = await getMany(
    withdrawals()
      .where({ leaderOpenid })
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
      .skip(page.offset)
      .limit(page.limit),
  );
  return data.map(parse);
}

/** Withdrawals of one status and/or leader, newest first (the console). */
export async function searchWithdrawals(
  search: { readonly status?: WithdrawalStatus | undefined; readonly leaderOpenid?: string | undefined },
  page: { readonly offset: number; readonly limit: number },
): Promise<Withdrawal[]> {
  const where: Record<string, unknown> = {};
  if (search.status) where.status = search.status;
  if (search.leaderOpenid) where.leaderOpenid = search.leaderOpenid;
  const data = await getMany(
    withdrawals().where(where).orderBy('createdAt', 'desc').orderBy('_id', 'desc').skip(page.offset).limit(page.limit),
  );
  return data.map(parse);
}

/** Writes `patch` if the withdrawal is still in `status` (and `extra`, e.g. its attempts). True when this call did. */
export async function updateWithdrawalIf(
  id: string,
  condition: { readonly status: WithdrawalStatus | readonly WithdrawalStatus[] } & Readonly<Record<string, unknown>>,
  patch: Patch,
): Promise<boolean> {
  const { status, ...rest } = condition;
  const { stats } = await withdrawals()
    .where({ _id: id, status: typeof status === 'string' ? status : cmd().in([...status]), ...rest })
    .update({ data: patch });
  return stats.updated === 1;
}

/**
 * Writes a step of the transfer (`withdrawal-step.ts`) if the withdrawal is still in one of the step's source
 * statuses with the attempts it was decided on. True when this call wrote it.
 */
export function writeWithdrawalStep(withdrawal: Pick<Withdrawal, '_id' | 'attempts'>, step: WithdrawalStep) {
  return updateWithdrawalIf(withdrawal._id, { status: step.from, attempts: withdrawal.attempts }, step.patch);
}

/** Withdrawals the payout job should look at now, the longest due first. */
export async function listDueWithdrawals(now: number, limit: number): Promise<Withdrawal[]> {
  const data = await getMany(
    withdrawals()
      .where({ status: cmd().in([...WITHDRAWAL_DUE_STATUSES]), nextAttemptAt: cmd().lte(now) })
      .orderBy('nextAttemptAt', 'asc')
      .limit(limit),
  );
  return data.map(parse);
}

export async function countDueWithdrawals(now: number): Promise<number> {
  const { total } = await withdrawals()
    .where({ status: cmd().in([...WITHDRAWAL_DUE_STATUSES]), nextAttemptAt: cmd().lte(now) })
    .count();
  return total;
}

/**
 * Claims a due withdrawal for one payout run: moves its `nextAttemptAt` to `until`, conditional on the status and
 * `nextAttemptAt` it was listed with, so of two runs at once one asks WeChat about it and the other leaves it.
 */
export function claimWithdrawal(withdrawal: Pick<Withdrawal, '_id' | 'status' | 'nextAttemptAt'>, until: number) {
  return updateWithdrawalIf(
    withdrawal._id,
    { status: withdrawal.status, nextAttemptAt: withdrawal.nextAttemptAt },
    { nextAttemptAt: until },
  );
}
