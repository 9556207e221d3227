/**
 * A state machine as a transition table: for each state, the events it accepts and the state each
 * leads to. Anything not in the table is refused, so a use case cannot invent a transition, and a
 * repository takes the statuses its conditional updates check from here (`transition(event).from`).
 */
import { DomainError, type ErrorCode } from '../kernel/errors';

export type TransitionTable<S extends string, E extends string> = { readonly [state in S]: Partial<Record<E, S>> };

export interface Machine<S extends string, E extends string> {
  readonly table: TransitionTable<S, E>;
  /** Every state, in the order the table lists them. */
  readonly states: readonly S[];
  /** The state after `event`, or undefined when the event is not allowed in `state`. */
  next(state: S, event: E): S | undefined;
  /** Like `next`, but refuses with `code` (CONFLICT by default) when the event is not allowed. */
  apply(state: S, event: E, code?: ErrorCode): S;
  /** The states from which `event` is allowed: what a conditional update's `status: _.in(...)` uses. */
  sourcesOf(event: E): S[];
  /** The states `event` may leave and the one state it leads to (throws if it leads to several). */
  transition(event: E): { readonly from: S[]; readonly to: S };
  /** `state` and every state reachable from it. */
  reachableFrom(state: S): S[];
  isFinal(state: S): boolean;
}

export function defineMachine<S extends string, E extends string>(
  name: string,
  table: TransitionTable<S, E>,
): Machine<S, E> {
  const states = Object.keys(table) as S[];
  const sourcesOf = (event: E) => states.filter((state) => table[state][event] !== undefined);
  return {
    table,
    states,
    next: (state, event) => table[state][event],
    apply(state, event, code = 'CONFLICT') {
      const to = table[state][event];
      if (to === undefined) throw new DomainError(code, `${name}: ${event} is not allowed in ${state}`);
      return to;
    },
    sourcesOf,
    transition(event) {
      const from = sourcesOf(event);
      const targets = new Set(from.map((state) => table[state][event] as S));
      const [to] = [...targets];
      if (targets.size !== 1 || to === undefined) throw new Error(`${name}: ${event} has no single target`);
      return { from, to };
    },
    reachableFrom(start) {
      const seen = new Set<S>([start]);
      for (const state of seen) for (const to of Object.values(table[state]) as S[]) seen.add(to);
      return states.filter((state) => seen.has(state));
    },
    isFinal: (state) => Object.keys(table[state]).length === 0,
  };
}
