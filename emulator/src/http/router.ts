import { randomUUID } from 'node:crypto';
import { CloudBaseError, invalidParam, toCloudBaseError } from '../db/errors';
import { isPlainObject, type Doc } from '../db/values';

export interface RequestContext {
  /** Server time of the request, in epoch ms (what `serverDate()` resolves against). */
  readonly now: number;
}

/** Handles one `/admin` action; returns the response fields besides `requestId`. */
export type ActionHandler = (body: Doc, context: RequestContext) => Doc | Promise<Doc>;
export type ActionHandlers = Readonly<Record<string, ActionHandler>>;

export interface Dispatched {
  readonly action: string;
  readonly response: Doc;
}

/**
 * Routes `/admin` bodies by their `action` field. Part 1 registers the `database.*` actions; the function
 * runner, `wx.openApi` and `wx.wxPayApi` register theirs the same way.
 */
export class ActionRouter {
  private readonly handlers = new Map<string, ActionHandler>();

  register(handlers: ActionHandlers): void {
    for (const [action, handler] of Object.entries(handlers)) {
      if (this.handlers.has(action)) throw new Error(`action ${action} is already registered`);
      this.handlers.set(action, handler);
    }
  }

  /** Never throws: errors become `{ code, message, requestId }`, which the SDK raises as in production. */
  async dispatch(body: unknown): Promise<Dispatched> {
    // randomUUID draws from a cached pool of entropy; randomBytes per request showed in the profile.
    const requestId = randomUUID().replaceAll('-', '').slice(0, 16);
    const action = isPlainObject(body) && typeof body['action'] === 'string' ? body['action'] : '';
    try {
      if (!isPlainObject(body)) throw invalidParam('the request body must be a JSON object');
      const handler = this.handlers.get(action);
      if (!handler) {
        throw new CloudBaseError('INVALID_ACTION', `action "${action}" is not supported by the local emulator`);
      }
      const result = await handler(body, { now: Date.now() });
      return { action, response: { requestId, ...result } };
    } catch (error) {
      const { code, message } = toCloudBaseError(error);
      if (code === 'SYS_ERR') console.error(`[emulator] ${action} failed unexpectedly:`, error);
      return { action, response: { code, message, requestId } };
    }
  }
}
