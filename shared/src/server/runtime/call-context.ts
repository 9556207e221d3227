import type { Clock } from '../../kernel/time';
import { clockFromEnv } from './clock';
import { createLogger, type Logger } from './logger';
import { readWxContext, requestIdOf, type ScfContext, type WxIdentity } from './wx-context';

/** What every use case, job and callback handler gets besides its input. */
export interface InvocationContext {
  readonly wx: WxIdentity;
  readonly requestId: string;
  readonly clock: Clock;
  readonly log: Logger;
}

export interface RuntimeOptions {
  /** Tests may fix the time; otherwise the instance's clock (`clockFromEnv`: the system clock in production). */
  readonly clock?: Clock;
}

let cachedClock: Clock | undefined;
const instanceClock = (): Clock => (cachedClock ??= clockFromEnv());

export function openInvocation(name: string, context: ScfContext | undefined, options: RuntimeOptions) {
  const requestId = requestIdOf(context);
  const ctx: InvocationContext = {
    wx: readWxContext(),
    requestId,
    clock: options.clock ?? instanceClock(),
    log: createLogger({ fn: name, requestId }),
  };
  return ctx;
}

/** The field paths of a failed parse, for the INVALID_ARGUMENT message (never the values). */
export function issuePaths(issues: readonly { path: readonly PropertyKey[] }[]): string {
  const paths = issues.map((issue) => (issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.')));
  return [...new Set(paths)].join(', ');
}
