/**
 * The console's side of the day: the run's own staff accounts (one per merchant of the catalogue, and one
 * customer service), written as the seed writes staff, signed in through `staffLogin`, and every action sent
 * as the console sends it (`POST /admin-api/<action>` with the session's token), counted by action and by
 * the refusals it met.
 */
import { randomBytes } from 'node:crypto';
import { hashPassword } from '../../shared/src/server/runtime/secrets';
import { type Doc, type EmulatorClient, type Outcome, readAdminEnvelope } from './client';
import type { Limiter } from './limiter';
import type { Telemetry } from './telemetry';

/**
 * Who acts: a merchant's staff (its orders, batches, requests and commission rules), customer service (refunds),
 * or ops (团长 applications and withdrawals).
 */
export type StaffMember = { readonly merchantId: string } | 'service' | 'ops';

/** What the console did and was told. */
export interface ConsoleTally {
  /** Actions sent, by name. */
  actions: Record<string, number>;
  /** Refusals by `<action>: <code>` (ORDER_NOT_SHIPPABLE, AFTER_SALE_NOT_ACTIONABLE, REFUND_EXCEEDS_PAID, ...). */
  refused: Record<string, number>;
  /** Actions that got no envelope (a function that failed or timed out, a session refused). */
  errors: Record<string, number>;
}

const bump = (counts: Record<string, number>, key: string) => (counts[key] = (counts[key] ?? 0) + 1);

/** A staff account name for this run (2–32 characters of the console's alphabet). */
const accountFor = (tag: string, who: string) => `sim-${tag}-${who}`.replace(/[^A-Za-z0-9_.@-]/g, '').slice(0, 32);

export class StaffDesk {
  readonly tally: ConsoleTally = { actions: {}, refused: {}, errors: {} };

  private constructor(
    private readonly deps: {
      readonly client: EmulatorClient;
      readonly limiter: Limiter;
      readonly telemetry: Telemetry;
    },
    private readonly tokens: ReadonlyMap<string, string>,
  ) {}

  /** Writes the run's staff (a merchant account for each of `merchantIds`, one customer service, one ops) and signs them in. */
  static async open(
    deps: { readonly client: EmulatorClient; readonly limiter: Limiter; readonly telemetry: Telemetry },
    tag: string,
    merchantIds: readonly string[],
    now: number,
  ): Promise<StaffDesk> {
    const password = `Sim-${randomBytes(9).toString('base64url')}`;
    const passwordHash = await hashPassword(password);
    const members: { key: string; account: string; doc: Doc }[] = [
      ...merchantIds.map((merchantId) => ({ key: merchantId, role: 'merchant', merchantId })),
      { key: 'service', role: 'service' },
      { key: 'ops', role: 'ops' },
    ].map(({ key, role, ...rest }) => {
      const account = accountFor(tag, key.replace(/^m-/, ''));
      const doc: Doc = {
        _id: `st-${account}`,
        account,
        name: role === 'merchant' ? `模拟商家${key}` : role === 'ops' ? '模拟运营' : '模拟客服',
        role,
        ...rest,
        status: 'active',
        passwordHash,
        mustChangePassword: false,
        failedSignIns: 0,
        sessionsValidFrom: 0,
        createdAt: now,
        updatedAt: now,
      };
      return { key, account, doc };
    });
    await deps.client.insert(
      'staff',
      members.map((m) => m.doc),
    );
    const tokens = new Map<string, string>();
    for (const member of members) {
      const reply = await deps.client.adminApi('staffLogin', { account: member.account, password });
      const outcome = readAdminEnvelope<{ token: string }>(reply.status, reply.body);
      if (!outcome.ok) throw new Error(`staffLogin ${member.account}: ${outcome.code}`);
      tokens.set(member.key, outcome.data.token);
    }
    return new StaffDesk(deps, tokens);
  }

  /** A console action as `who`; its data, or the refusal (counted) or failure (counted). */
  async act<T>(who: StaffMember, action: string, body: Doc): Promise<Outcome<T>> {
    const token = this.tokens.get(typeof who === 'string' ? who : who.merchantId);
    if (!token) throw new Error(`no staff signed in for ${JSON.stringify(who)}`);
    const { client, limiter, telemetry } = this.deps;
    bump(this.tally.actions, action);
    const reply = await limiter.run(() => client.adminApi<unknown>(action, body, token));
    telemetry.recordCall('adminApi', reply.ms);
    const outcome = readAdminEnvelope<T>(reply.status, reply.body);
    if (!outcome.ok) bump(outcome.domain ? this.tally.refused : this.tally.errors, `${action}: ${outcome.code}`);
    return outcome;
  }
}
