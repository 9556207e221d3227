import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Caller, type FunctionRunner, functionNotFound, MAX_EVENT_DEPTH, nestedDeeperThan } from '../functions';
import { type Scheduler, TimerNotFoundError } from '../timers';
import { BodyTooLargeError, discardRest, readBody } from './read-body';
import { INVALID_PARAM, sendError, sendInvocationError, sendJson, sendJsonText } from './respond';

/** SCF's limit on a synchronous invocation's event. */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;
/** Objects and arrays in a body may nest this deep (the body itself is level 1). */
export const MAX_BODY_DEPTH = MAX_EVENT_DEPTH;
/**
 * The identity headers stand in for what WeChat puts in the context: an openid is 28 characters of
 * A-Z a-z 0-9 _ -, an appid `wx` and 16 hex digits, a unionid 29. Local ids may be longer (`o-sim-…`), up to this.
 */
export const MAX_IDENTITY_LENGTH = 64;
const IDENTITY = new RegExp(`^[A-Za-z0-9_-]{1,${MAX_IDENTITY_LENGTH}}$`);
const IDENTITY_HEADERS = ['x-wx-openid', 'x-wx-appid', 'x-wx-unionid'] as const;

export interface GatewayOptions {
  readonly runner: FunctionRunner;
  /** Without one, the timer routes answer 404. */
  readonly scheduler?: Scheduler;
  readonly maxBodyBytes?: number;
}

/** Handles the request and returns true, or returns false without touching it when the path is not the gateway's. */
export type GatewayHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

const FUNCTION_PATH = /^\/fn\/([^/]+)$/;
/** `/_emulator/timers`, `/_emulator/timers/<pause|resume>`, `/_emulator/timers/<fn>/<run|pause|resume>`. */
const TIMERS_PATH = /^\/_emulator\/timers(?:\/(pause|resume)|\/([^/]+)\/(run|pause|resume))?$/;
const FUNCTION_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === '' ? undefined : text;
};

const clientIp = (req: IncomingMessage): string | undefined => req.socket.remoteAddress?.replace(/^::ffff:/, '');

/** The first identity header that is present and not like a WeChat identity, or undefined. */
const badIdentityHeader = (req: IncomingMessage): string | undefined =>
  IDENTITY_HEADERS.find((name) => {
    const value = header(req, name);
    return value !== undefined && !IDENTITY.test(value);
  });

const invalidParam = (errMsg: string) => ({ errCode: INVALID_PARAM, errMsg, code: 'INVALID_PARAM' });

/** A path segment, or '' when its %-escapes are broken (no function or timer has that name). */
const segment = (encoded: string | undefined): string => {
  try {
    return decodeURIComponent(encoded ?? '');
  } catch {
    return '';
  }
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The HTTP face of the function runner, standing in for `wx.cloud.callFunction`, plus the emulator's
 * health and timer controls:
 *
 * - `POST /fn/<name>`, headers `x-wx-openid` (and optionally `x-wx-appid`, `x-wx-unionid`), body = the
 *   call's `data` as a JSON object: runs the function as that user (`SOURCE=wx_client`) and answers its
 *   return value as JSON. Unknown function 404, body over 6 MB 413, bad JSON or a body nested deeper than
 *   `MAX_BODY_DEPTH` 400, an identity header unlike WeChat's (`MAX_IDENTITY_LENGTH` of A-Z a-z 0-9 _ -) 400,
 *   function failure 500 (timeout included), throttled 429; errors are `{ errCode, errMsg, code }`, never a stack.
 * - `GET /_emulator/health`
 * - `GET /_emulator/timers`; `POST /_emulator/timers/pause|resume` (all);
 *   `POST /_emulator/timers/<fn>/pause|resume|run` (`run` answers `{ requestId, durationMs, coldStart, result }`).
 */
export function createGateway(options: GatewayOptions): GatewayHandler {
  const startedAt = Date.now();
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;

  const callFunction = async (req: IncomingMessage, res: ServerResponse, name: string) => {
    if (!FUNCTION_NAME.test(name) || !options.runner.definition(name)) {
      req.resume();
      sendInvocationError(res, functionNotFound());
      return;
    }
    const badHeader = badIdentityHeader(req);
    if (badHeader) {
      req.resume();
      const rule = `1 to ${MAX_IDENTITY_LENGTH} characters of A-Z, a-z, 0-9, _ and -`;
      sendError(res, 400, invalidParam(`${badHeader} must be ${rule}`));
      return;
    }
    let raw: Buffer;
    try {
      raw = await readBody(req, maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      sendError(res, 413, invalidParam(error.message));
      discardRest(req);
      return;
    }
    let data: unknown = {};
    if (raw.length > 0) {
      try {
        data = JSON.parse(raw.toString('utf8'));
      } catch {
        sendError(res, 400, invalidParam('request body is not valid JSON'));
        return;
      }
    }
    if (!isPlainObject(data)) {
      sendError(res, 400, invalidParam('request body must be a JSON object'));
      return;
    }
    if (nestedDeeperThan(data, MAX_BODY_DEPTH)) {
      sendError(res, 400, invalidParam(`request body is nested deeper than ${MAX_BODY_DEPTH} levels`));
      return;
    }
    const caller: Caller = {
      openid: header(req, 'x-wx-openid'),
      appid: header(req, 'x-wx-appid'),
      unionid: header(req, 'x-wx-unionid'),
      clientIp: clientIp(req),
      source: 'wx_client',
    };
    // As on the platform, a mini-program call's event is its data plus `userInfo`.
    const event = { ...data, userInfo: { appId: caller.appid, openId: caller.openid } };
    try {
      const answer = await options.runner.invoke(name, event, caller);
      sendJsonText(res, 200, answer.json);
    } catch (error) {
      sendInvocationError(res, error);
    }
  };

  const timers = async (req: IncomingMessage, res: ServerResponse, route: RegExpExecArray) => {
    const [, allVerb, encoded, verb] = route;
    const scheduler = options.scheduler;
    req.resume();
    if (!scheduler) {
      return sendError(res, 404, { errCode: -1, errMsg: 'timers are not running in this emulator', code: 'NOT_FOUND' });
    }
    const list = allVerb === undefined && verb === undefined;
    if (req.method !== (list ? 'GET' : 'POST')) return sendJson(res, 405, { errMsg: `use ${list ? 'GET' : 'POST'}` });
    if (list) return sendJson(res, 200, { timers: scheduler.list() });
    const name = encoded === undefined ? undefined : segment(encoded);
    try {
      if (verb === 'run') {
        const { requestId, durationMs, coldStart, result } = await scheduler.runNow(name ?? '');
        return sendJson(res, 200, { requestId, durationMs, coldStart, result });
      }
      if ((allVerb ?? verb) === 'pause') scheduler.pause(name);
      else scheduler.resume(name);
      return sendJson(res, 200, { timers: scheduler.list() });
    } catch (error) {
      if (error instanceof TimerNotFoundError) {
        return sendError(res, 404, { errCode: -1, errMsg: error.message, code: 'NOT_FOUND' });
      }
      return sendInvocationError(res, error);
    }
  };

  return async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const fn = FUNCTION_PATH.exec(path);
    if (fn) {
      if (req.method !== 'POST') {
        req.resume();
        sendJson(res, 405, { errMsg: 'use POST' });
      } else {
        await callFunction(req, res, segment(fn[1]));
      }
      return true;
    }
    if (path === '/_emulator/health') {
      req.resume();
      sendJson(res, 200, {
        ok: true,
        pid: process.pid,
        uptimeMs: Date.now() - startedAt,
        functions: options.runner.functions().map((definition) => definition.name),
        timers: options.scheduler?.list().map((timer) => ({ function: timer.function, active: timer.active })) ?? [],
      });
      return true;
    }
    const timerRoute = TIMERS_PATH.exec(path);
    if (timerRoute) {
      await timers(req, res, timerRoute);
      return true;
    }
    return false;
  };
}
