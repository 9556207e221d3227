/**
 * CloudPay never forgets: the emulator is killed with -9 in the middle of a burst of shopper payments, restarted on
 * the same data directory, the shoppers come back to their orders and the jobs run. Every payment must end in a
 * fulfilled order or exactly one refund, and no order may be charged twice. Real bundled functions, real CLI.
 * Takes its scale in groups of three (payment-durability.slow.test.ts runs eight). The kill cuts the members'
 * burst in half and one member in four never comes back to pay, so some groups fill and some fail and refund.
 */
import { EJSON } from 'bson';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { pickupAt, seedCatalog } from '../shared/src/server/testing/group-buy.fixtures';
import { exited, type RunningCli, spawnCli } from '../emulator/test/helpers/cli';

const GROUP_SIZE = 3;

type Envelope = { ok: boolean; data?: Record<string, unknown>; error?: { code: string; message: string } };
interface LedgerEntry {
  outTradeNo: string;
  state: string;
  totalFee: number;
  transactionId: string | null;
  refunds: { outRefundNo: string; refundFee: number; status: string }[];
}
interface Order {
  _id: string;
  openid: string;
  status: string;
  total: number;
  transactionId?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function client(url: string) {
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const admin = async (body: Record<string, unknown>) => {
    const { body: answer } = await post('/admin', body);
    if (typeof answer.code === 'string') throw new Error(`${String(body.action)}: ${String(answer.message)}`);
    return answer.data as Record<string, unknown>;
  };
  return {
    call: async (fn: string, openid: string, data: unknown) =>
      (await post(`/fn/${fn}`, data, { 'x-wx-openid': openid })).body as Envelope,
    pay: (outTradeNo: string) => post(`/_emulator/pay/${outTradeNo}/pay`, {}),
    ledger: async () => (await (await fetch(`${url}/_emulator/pay/orders`)).json()) as LedgerEntry[],
    runJob: (fn: string) => post(`/_emulator/timers/${fn}/run`, {}),
    faults: (faults: Record<string, unknown>) => post('/_emulator/faults', faults),
    insert: async (collection: string, docs: readonly Record<string, unknown>[]) => {
      await admin({
        action: 'database.insertDocument',
        collectionName: collection,
        data: docs.map((doc) => EJSON.stringify(doc, { relaxed: false })),
      });
    },
    orders: async (query: Record<string, unknown>) =>
      (
        (await admin({
          action: 'database.getDocument',
          collectionName: 'orders',
          queryType: 'WHERE',
          query: EJSON.stringify(query, { relaxed: false }),
          limit: 1000,
        })) as { list: string[] }
      ).list.map((doc) => EJSON.parse(doc, { relaxed: true }) as Order),
    update: (collection: string, query: Record<string, unknown>, update: Record<string, unknown>) =>
      admin({
        action: 'database.modifyDocument',
        collectionName: collection,
        queryType: 'WHERE',
        query: EJSON.stringify(query, { relaxed: false }),
        data: EJSON.stringify(update, { relaxed: false }),
        multi: true,
        merge: true,
        upsert: false,
      }),
  };
}

const packageOf = (answer: Envelope) => (answer.data?.payment as { package?: string } | undefined)?.package;

export async function killDuringPaymentBurst(groupCount: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'emulator-pay-kill-'));
  const FLAGS = ['--port', '0', '--data', dataDir, '--no-timers', '--no-seed', '--quiet'];
  const running: RunningCli[] = [];
  try {
    const first = await spawnCli(FLAGS);
    running.push(first);
    const a = client(first.url);
    const fx = await seedCatalog(a.insert, { stock: 1000, groupSize: GROUP_SIZE });
    const delivery = pickupAt(fx);

    const charges = new Map<string, string[]>();
    const charge = (orderId: string, transactionId: unknown) => {
      if (typeof transactionId === 'string') charges.set(orderId, [...(charges.get(orderId) ?? []), transactionId]);
    };
    // Each group's leader opens it and pays (a group takes members once its leader has paid) ...
    const orders: { orderId: string; openid: string; prepay: string | undefined }[] = [];
    const groups: string[] = [];
    for (let g = 0; g < groupCount; g++) {
      const leader = `o-kill-${g}-0`;
      const opened = await a.call('openGroup', leader, { activityId: fx.activityId, quantity: 1, delivery });
      expect(opened.ok).toBe(true);
      const orderId = String(opened.data?.orderId);
      orders.push({ orderId, openid: leader, prepay: packageOf(opened) });
      groups.push(String(opened.data?.groupId));
      const paid = await a.pay(orderId);
      expect(paid.status).toBe(200);
      charge(orderId, paid.body.transactionId);
    }
    for (let waited = 0; (await a.orders({ status: 'pending_payment' })).length > 0 && waited < 10_000; waited += 100) {
      await sleep(100);
    }
    // ... then the members join, each with the prepay they were given.
    const members: typeof orders = [];
    for (const [g, groupId] of groups.entries()) {
      for (let m = 1; m < GROUP_SIZE; m++) {
        const openid = `o-kill-${g}-${m}`;
        const joined = await a.call('joinGroup', openid, { groupId, quantity: 1, delivery });
        expect(joined.ok).toBe(true);
        members.push({ orderId: String(joined.data?.orderId), openid, prepay: packageOf(joined) });
      }
    }
    orders.push(...members);

    // Every shopper pays at once; notifications take a moment, so some are still on their way at the kill.
    await a.faults({ callbackDelayMs: [100, 400] });
    let answered = 0;
    const killed = new Promise<void>((resolve) => {
      for (const order of members) {
        void a.pay(order.orderId).then(
          ({ status, body }) => {
            if (status === 200) charge(order.orderId, body.transactionId);
            if (++answered === members.length / 2) resolve();
          },
          () => undefined, // no answer: the emulator died first
        );
      }
    });
    await killed;
    first.child.kill('SIGKILL');
    await exited(first.child);
    const chargedBeforeKill = charges.size;

    const second = await spawnCli(FLAGS);
    running.push(second);
    const b = client(second.url);
    // A payment the shopper made whose answer the kill swallowed is known to CloudPay only.
    for (const entry of await b.ledger()) {
      if (!charges.has(entry.outTradeNo) && entry.transactionId) charge(entry.outTradeNo, entry.transactionId);
    }

    // The shoppers come back. An order still waiting for payment gets paid from the order page (payOrder), except
    // by one shopper in four, who never pays. A prepay issued before the kill must come back the same.
    const findings: string[] = [];
    await Promise.all(
      orders.map(async ({ orderId, openid, prepay }, i) => {
        const [order] = await b.orders({ _id: orderId });
        if (order?.status !== 'pending_payment' || i % 4 === 3) return;
        const again = await b.call('payOrder', openid, { orderId });
        if (!again.ok) return;
        if (!charges.has(orderId) && packageOf(again) !== prepay) findings.push(`${orderId}: a second prepay`);
        const paid = await b.pay(orderId);
        if (paid.status === 200) charge(orderId, paid.body.transactionId);
      }),
    );

    // Let notifications land (the ledger and the orders stop changing), then the deadlines pass and the jobs settle
    // what is left.
    const settle = async () => {
      const snapshot = async () =>
        JSON.stringify([await b.ledger(), (await b.orders({})).map((o) => [o._id, o.status, o.transactionId])]);
      let last = await snapshot();
      for (let quiet = 0, waited = 0; quiet < 3 && waited < 10_000; waited += 150) {
        await sleep(150);
        const now = await snapshot();
        quiet = now === last ? quiet + 1 : 0;
        last = now;
      }
    };
    await settle();
    const past = Date.now() - 1000;
    await b.update('orders', { status: 'pending_payment' }, { $set: { payDeadlineAt: past } });
    await b.update('groups', { status: 'forming' }, { $set: { deadlineAt: past } });
    for (const job of ['closeUnpaidOrders', 'expireGroups', 'retryRefunds', 'retryRefunds']) {
      expect((await b.runJob(job)).status).toBe(200);
      await settle();
    }

    const ledger = new Map((await b.ledger()).map((entry) => [entry.outTradeNo, entry]));
    const stored = new Map((await b.orders({ _id: { $in: orders.map((o) => o.orderId) } })).map((o) => [o._id, o]));
    const outcomes = { fulfilled: 0, refunded: 0 };
    for (const { orderId } of orders) {
      const paidWith = charges.get(orderId) ?? [];
      const entry = ledger.get(orderId);
      const order = stored.get(orderId);
      if (paidWith.length > 1) findings.push(`${orderId}: charged ${paidWith.length} times`);
      for (const transactionId of paidWith) {
        if (entry?.transactionId !== transactionId) {
          findings.push(`${orderId}: CloudPay forgot payment ${transactionId} (order ${order?.status ?? 'missing'})`);
          continue;
        }
        const fulfilled = ['awaiting_group', 'to_ship'].includes(order?.status ?? '');
        const refunded = entry.refunds.filter((r) => r.status === 'SUCCESS');
        const refundedOnce = refunded.length === 1 && refunded[0]?.refundFee === entry.totalFee;
        if (fulfilled && order?.transactionId === transactionId && refunded.length === 0) {
          outcomes.fulfilled += 1;
          continue;
        }
        if (refundedOnce && order?.status === 'refunded') {
          outcomes.refunded += 1;
          continue;
        }
        findings.push(
          `${orderId}: paid ${transactionId}, order ${order?.status ?? 'missing'}, ${refunded.length} refunds (${entry.state})`,
        );
      }
      if (paidWith.length === 0 && order?.status !== 'closed') findings.push(`${orderId}: unpaid but ${order?.status}`);
    }
    console.log(
      `${orders.length} orders, ${chargedBeforeKill} payments answered before the kill, ` +
        `${[...charges.values()].flat().length} charges in all: ${outcomes.fulfilled} fulfilled, ` +
        `${outcomes.refunded} refunded; findings:\n${findings.join('\n') || 'none'}`,
    );
    expect(findings).toEqual([]);
    // It did exercise both ends: groups that filled and groups that failed and refunded their members.
    expect(outcomes.fulfilled).toBeGreaterThan(0);
    expect(outcomes.refunded).toBeGreaterThan(0);
  } finally {
    for (const cli of running) {
      cli.child.kill('SIGKILL');
      await exited(cli.child);
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}
