/**
 * Slots for starting function instances, shared by every function of a runner. Starting an instance (a
 * worker, Node's bootstrap, loading the bundle and wx-server-sdk) is CPU-bound: with more starts at once
 * than cores they only finish together, later; with as many as cores, the first ones serve while the rest start.
 */
export class StartGate {
  private free: number;
  private readonly asking: (() => boolean)[] = [];

  constructor(readonly slots: number) {
    if (!Number.isInteger(slots) || slots < 1) throw new RangeError('a start gate needs at least one slot');
    this.free = slots;
  }

  /** Calls `use` once a slot is free (maybe at once); `use` returns true when it took the slot. */
  acquire(use: () => boolean): void {
    this.asking.push(use);
    this.drain();
  }

  /** Gives back a slot `use` took. */
  release(): void {
    this.free += 1;
    this.drain();
  }

  private drain(): void {
    while (this.free > 0) {
      const use = this.asking.shift();
      if (!use) return;
      this.free -= 1;
      if (!use()) this.free += 1;
    }
  }
}
