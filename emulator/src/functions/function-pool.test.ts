import { describe, expect, it } from 'vitest';
import { FunctionPool, type PooledInstance } from './function-pool';
import { StartGate } from './start-gate';

/** An instance whose start the test finishes by hand. */
class FakeInstance implements PooledInstance {
  alive = true;
  private finish!: () => void;
  private readonly ready = new Promise<void>((resolve) => (this.finish = resolve));

  constructor(readonly id: number) {}

  started(): Promise<void> {
    return this.ready;
  }

  /** Ready to run, or failed to start. */
  finishStart(ok = true): void {
    if (!ok) this.alive = false;
    this.finish();
  }

  terminate(): Promise<void> {
    this.alive = false;
    return Promise.resolve();
  }
}

function fakePool(options: { limit: number; maxQueue?: number; gate: StartGate; scaleOut?: 'on-demand' }) {
  const spawned: FakeInstance[] = [];
  const pool = new FunctionPool<FakeInstance>(
    {
      name: 'fn',
      limit: options.limit,
      maxQueue: options.maxQueue ?? 100,
      idleTimeoutMs: 60_000,
      ...(options.scaleOut ? { scaleOut: options.scaleOut } : {}),
    },
    () => {
      const instance = new FakeInstance(spawned.length);
      spawned.push(instance);
      return instance;
    },
    options.gate,
  );
  return { pool, spawned };
}

/** Records which instance each acquire got, in the order they were granted. */
function track(pool: FunctionPool<FakeInstance>, count: number) {
  const granted: string[] = [];
  const calls = Array.from({ length: count }, (_, i) =>
    pool.acquire().then(
      (instance) => {
        granted.push(`call ${i} -> instance ${instance.id}`);
        return instance;
      },
      (error: Error) => {
        granted.push(`call ${i} -> ${error.message}`);
        return undefined;
      },
    ),
  );
  return { granted, calls };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('FunctionPool', () => {
  it('serves the oldest waiter with whichever instance is free first, warm or newly started', async () => {
    const { pool, spawned } = fakePool({ limit: 3, gate: new StartGate(1) });
    const { granted, calls } = track(pool, 4);
    await flush();
    expect(spawned).toHaveLength(1); // one start at a time (the gate has one slot)
    expect(pool.stats()).toEqual({ running: 1, idle: 0, queued: 3, pending: 4 });

    spawned[0]?.finishStart();
    await flush();
    expect(granted).toEqual(['call 0 -> instance 0']);
    expect(spawned).toHaveLength(2); // the slot is free again: the next start begins

    // Instance 0 finishes its call before instance 1 is up: the next waiter takes the warm one.
    pool.release((await calls[0]) as FakeInstance);
    await flush();
    expect(granted.at(-1)).toBe('call 1 -> instance 0');

    spawned[1]?.finishStart();
    await flush();
    expect(granted.at(-1)).toBe('call 2 -> instance 1');
    expect(spawned).toHaveLength(3);
    spawned[2]?.finishStart();
    await flush();
    expect(granted.at(-1)).toBe('call 3 -> instance 2');
    expect(pool.stats()).toEqual({ running: 3, idle: 0, queued: 0, pending: 3 });
  });

  it('starts an instance per call that finds none warm, never past the limit, and none while warm ones are idle', async () => {
    const { pool, spawned } = fakePool({ limit: 2, gate: new StartGate(4) });
    const { granted, calls } = track(pool, 5);
    await flush();
    expect(spawned).toHaveLength(2);
    for (const instance of spawned) instance.finishStart();
    await flush();
    expect(granted).toHaveLength(2);
    for (let i = 0; i < 5; i++) {
      const instance = await calls[i];
      if (instance) pool.release(instance);
      await flush();
    }
    expect(granted).toHaveLength(5);
    expect(spawned).toHaveLength(2);
    expect(pool.stats()).toEqual({ running: 0, idle: 2, queued: 0, pending: 0 });

    // Warm instances answer at once; nothing starts.
    const again = await pool.acquire();
    expect(spawned).toHaveLength(2);
    pool.release(again);
  });

  it('starts every instance a burst asked for, even once others served it: they are warm for the next burst', async () => {
    const { pool, spawned } = fakePool({ limit: 3, gate: new StartGate(1) });
    const { granted, calls } = track(pool, 3);
    await flush();
    spawned[0]?.finishStart();
    // Instance 0 serves the whole burst, one call after another, while instance 1 is still starting.
    for (let i = 0; i < 3; i++) {
      await flush();
      pool.release((await calls[i]) as FakeInstance);
    }
    expect(granted).toEqual(['call 0 -> instance 0', 'call 1 -> instance 0', 'call 2 -> instance 0']);
    expect(spawned).toHaveLength(2);
    // Every call is answered; the instance still starting holds none (what a test's clean-up waits for).
    expect(pool.stats()).toMatchObject({ running: 1, pending: 0 });
    spawned[1]?.finishStart();
    await flush();
    spawned[2]?.finishStart();
    await flush();
    expect(spawned).toHaveLength(3);
    expect(pool.stats()).toEqual({ running: 0, idle: 3, queued: 0, pending: 0 });
  });

  it('on demand, starts an instance only while a call waits that no starting instance will serve', async () => {
    const { pool, spawned } = fakePool({ limit: 5, gate: new StartGate(1), scaleOut: 'on-demand' });
    const { granted, calls } = track(pool, 3);
    await flush();
    expect(spawned).toHaveLength(1);
    spawned[0]?.finishStart();
    await flush();
    // Calls 1 and 2 still wait and instance 0 is busy: the slot goes to a second instance.
    expect(spawned).toHaveLength(2);
    // Instance 0 serves both before instance 1 is up: no call is left waiting, so no third instance starts.
    for (let i = 0; i < 3; i++) {
      pool.release((await calls[i]) as FakeInstance);
      await flush();
    }
    expect(granted).toEqual(['call 0 -> instance 0', 'call 1 -> instance 0', 'call 2 -> instance 0']);
    spawned[1]?.finishStart();
    await flush();
    expect(spawned).toHaveLength(2);
    expect(pool.stats()).toEqual({ running: 0, idle: 2, queued: 0, pending: 0 });

    // The next burst finds two warm instances and asks for more only for the call beyond them.
    const next = track(pool, 3);
    await flush();
    expect(next.granted).toEqual(['call 0 -> instance 1', 'call 1 -> instance 0']);
    expect(spawned).toHaveLength(3);
  });

  it('hands a failed start to one waiter (its call fails as that cold start) and tries again for the rest', async () => {
    const { pool, spawned } = fakePool({ limit: 1, gate: new StartGate(1) });
    const { calls } = track(pool, 2);
    await flush();
    spawned[0]?.finishStart(false);
    const first = await calls[0];
    expect(first?.alive).toBe(false);
    pool.release(first as FakeInstance);
    await flush();
    expect(spawned).toHaveLength(2);
    spawned[1]?.finishStart();
    expect((await calls[1])?.id).toBe(1);
  });

  it('throttles past limit + maxQueue waiting or running', async () => {
    const { pool } = fakePool({ limit: 2, maxQueue: 1, gate: new StartGate(1) });
    const { granted } = track(pool, 4);
    await flush();
    expect(granted).toEqual(['call 3 -> function fn reached its concurrency limit (2 running, 2 queued)']);
    await pool.close();
  });

  it('shares the start gate between functions, first asked first served', async () => {
    const gate = new StartGate(1);
    const a = fakePool({ limit: 5, gate });
    const b = fakePool({ limit: 5, gate });
    track(a.pool, 2);
    const { granted } = track(b.pool, 1);
    await flush();
    expect([a.spawned.length, b.spawned.length]).toEqual([1, 0]);
    a.spawned[0]?.finishStart();
    await flush();
    // a asked for its second instance before b asked for its first.
    expect([a.spawned.length, b.spawned.length]).toEqual([2, 0]);
    a.spawned[1]?.finishStart();
    await flush();
    expect([a.spawned.length, b.spawned.length]).toEqual([2, 1]);
    b.spawned[0]?.finishStart();
    await flush();
    expect(granted).toEqual(['call 0 -> instance 0']);
  });

  it('rejects waiters on close and gives a slot it asked for to others', async () => {
    const gate = new StartGate(1);
    const a = fakePool({ limit: 5, gate });
    const b = fakePool({ limit: 5, gate });
    const aCalls = track(a.pool, 2);
    const bCalls = track(b.pool, 1);
    await flush();
    await a.pool.close();
    await flush();
    expect(aCalls.granted).toEqual([
      'call 0 -> the function runner is shut down',
      'call 1 -> the function runner is shut down',
    ]);
    a.spawned[0]?.finishStart();
    await flush();
    expect(b.spawned).toHaveLength(1);
    b.spawned[0]?.finishStart();
    await flush();
    expect(bCalls.granted).toEqual(['call 0 -> instance 0']);
  });
});
