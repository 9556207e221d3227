/**
 * What `npm start` seeds into an empty database: the demo catalogue and staff (`chongqing.ts`), then the demo
 * groups, made the way real groups are made: each leader opens theirs through the bundled openGroup function
 * and pays the prepay in the CloudPay sandbox (as `POST /_emulator/pay/<outTradeNo>/pay` does), and payCallback
 * applies the payment. So the sandbox's ledger knows every demo payment, and a demo group that fails is refunded
 * like any other.
 */
import type { Emulator } from '../src/index';
import { chongqingSeed, DEMO_GROUPS, DEMO_STAFF, demoStaffAccounts } from './chongqing';

export interface DemoGroup {
  readonly groupId: string;
  readonly orderId: string;
  readonly leaderOpenid: string;
}

export interface DemoSeed {
  /** One line for the start banner. */
  readonly summary: string;
  /** The groups opened (none when the data was kept, or when the functions are not built). */
  readonly groups: readonly DemoGroup[];
}

/** The staff accounts a seeded database has, for the start banner: `Demo staff: <role> <account> / <password>`. */
export const demoStaffLines = (): string[] =>
  DEMO_STAFF.map((member) => `Demo staff: ${member.role} ${member.account} / ${member.password}`);

const FUNCTIONS_NEEDED = ['openGroup', 'payCallback'];

/**
 * Seeds the demo data when the database has no activities yet (a fresh or reset data directory). Data kept from
 * an earlier run stays as it is, except that the demo staff accounts are added to one that has no staff at all.
 */
export async function seedDemo(emulator: Emulator, now = Date.now()): Promise<DemoSeed> {
  if ((await emulator.count('activities')) > 0) {
    if ((await emulator.count('staff')) > 0)
      return { summary: 'kept existing data (use --fresh to start over)', groups: [] };
    await emulator.insert('staff', await demoStaffAccounts(now));
    return { summary: 'kept existing data (use --fresh to start over); added the demo staff accounts', groups: [] };
  }
  const counts: string[] = [];
  for (const [collection, docs] of Object.entries(chongqingSeed(now))) {
    await emulator.insert(collection, docs);
    counts.push(`${docs.length} ${collection}`);
  }
  const staff = await demoStaffAccounts(now);
  await emulator.insert('staff', staff);
  counts.push(`${staff.length} staff`);
  const catalogue = `seeded the Chongqing demo catalogue: ${counts.join(', ')}`;

  const missing = FUNCTIONS_NEEDED.filter((name) => !emulator.runner.definition(name));
  if (missing.length > 0) {
    return { summary: `${catalogue}; no demo groups (${missing.join(', ')} not built: npm run build:cf)`, groups: [] };
  }
  const groups: DemoGroup[] = [];
  for (const { leader, activityId, pickupPointId } of DEMO_GROUPS)
    groups.push(await openDemoGroup(emulator, leader.openid, activityId, pickupPointId));
  return {
    summary: `${catalogue}; ${groups.length} demo groups opened by their leaders through openGroup and paid in the CloudPay sandbox`,
    groups,
  };
}

interface Envelope {
  readonly ok: boolean;
  readonly data?: { groupId: string; orderId: string };
  readonly error?: { code: string; message: string };
}

async function openDemoGroup(
  emulator: Emulator,
  openid: string,
  activityId: string,
  pickupPointId: string,
): Promise<DemoGroup> {
  const request = { activityId, quantity: 1, delivery: { kind: 'pickup', pickupPointId } };
  // As the gateway calls it for the mini-program: the leader's data plus userInfo, as the leader.
  const { result } = await emulator.runner.invoke(
    'openGroup',
    { ...request, userInfo: { openId: openid } },
    { openid, source: 'wx_client' },
  );
  const answer = result as Envelope;
  if (!answer.ok || !answer.data) {
    throw new Error(
      `demo seed: openGroup ${activityId} as ${openid} was refused (${answer.error?.code ?? 'no answer'})`,
    );
  }
  const { groupId, orderId } = answer.data;
  emulator.pay.pay(orderId);
  await emulator.pay.delivery.settle();
  if (!emulator.pay.order(orderId)?.notified) {
    throw new Error(`demo seed: payCallback did not acknowledge the payment of ${orderId}`);
  }
  return { groupId, orderId, leaderOpenid: openid };
}
