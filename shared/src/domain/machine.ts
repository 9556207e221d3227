/**
 * A state machine as a transition table: for each state, the events it accepts and the state each
 * leads to. Anything not in the table is refused, so a use case cannot invent a transition.
 */
import { DomainError, type ErrorCode } from '../kernel/errors';

export type TransitionTable<S extends string, E extends string> = { readonly [state in S]: Partial<Record<E, S>> };

export interface Machine<S extends string, E extends string> {
  readonly table: TransitionTable<S, E>;
  /** The state after `event`, or undefined when the event is not allowed in `state`. */
  next(state: S, event: E): S | undefined;
  /** Like `next`, but refuses with `code` (CONFLICT by default) when the event is not allowed. */
  apply(state: S, event: E, code?: ErrorCode): S;
  /** The states from which `event` is allowed: what a conditional update's `status: _.in(...)` uses. */
  sourcesOf(event: E): S[];
  isFinal(state: S): boolean;
}

export function defineMachine<S extends string, E extends string>(
  name: string,
  table: TransitionTable<S, E>,
): Machine<S, E> {
  const states = Object.keys(table) as S[];
  return {
    table,
    next: (state, event) => table[state][event],
    apply(state, event, code = 'CONFLICT') {
      const to = table[state][event];
      if (to === undefined) throw new DomainError(code, `${name}: ${event} is not allowed in ${state}`);
      return to;
    },
    sourcesOf: (event) => states.filter((state) => table[state][event] !== undefined),
    isFinal: (state) => Object.keys(table[state]).length === 0,
  };
}
