/**
 * The 快递100 sandbox: the real-time query (`POST /_emulator/kuaidi100/poll/query.do`) as the functions' adapter
 * calls it in production, over parcels that move with time.
 *
 * - It checks what 快递100 checks: `customer`, `sign` = UPPER(MD5(param + key + customer)), `param` JSON with a
 *   known `com` and a `num`, and a phone for the carriers that check one (顺丰, 中通); a refusal is
 *   `{ result: false, returnCode, message }` with 快递100's codes (400 incomplete or unknown carrier, 408 phone,
 *   503 signature).
 * - A parcel starts its journey at its first query, or when registered (`register`). Its script is fixed by its
 *   number: picked up at one of Chongqing's districts, through the 重庆转运中心 sorting centre, out for delivery
 *   in another district, signed for (or refused and returned, or stuck 疑难), over `journeyMs` of the sandbox's
 *   clock, the functions' clock (`--clock-scale` runs both faster). Before its first scan it answers 500 查询无结果.
 * - Faults (seeded): a share of queries fail as busy (502 服务器繁忙), as an HTTP 500, or by never answering
 *   (the adapter's timeout fires); every answer may wait `delayMs` first.
 * - It counts the queries per waybill, and those that came sooner than 30 minutes after the previous one
 *   (快递100 allows one per 30 minutes; whether it refuses more often is unverified, so it answers them).
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { z } from 'zod';
import { seededRandom } from './faults';
import { readText, sendJson } from './sandbox-http';

dayjs.extend(utc);
dayjs.extend(timezone);

export const KUAIDI100_SANDBOX_PATH = '/_emulator/kuaidi100';
/** The sandbox account: what the emulator gives the functions as KUAIDI100_CUSTOMER and KUAIDI100_KEY. */
export const SANDBOX_CUSTOMER = 'SANDBOXCUSTOMER0000000000000000';
export const SANDBOX_KEY = 'sandbox-kuaidi100-key';
export const DEFAULT_JOURNEY_MS = 24 * 3_600_000;
/** 快递100 allows one query per waybill this often. */
export const QUERY_INTERVAL_MS = 30 * 60_000;

/** The carriers the sandbox knows, by 快递100 `com` code, and the two that check a phone. */
const CARRIER_NAMES: Readonly<Record<string, string>> = {
  shunfeng: '顺丰速运',
  zhongtong: '中通快递',
  yuantong: '圆通速递',
  yunda: '韵达快递',
  shentong: '申通快递',
  jd: '京东快递',
  ems: 'EMS',
  youzhengguonei: '邮政快递包裹',
  jtexpress: '极兔速递',
  debangkuaidi: '德邦快递',
};
const PHONE_CHECKED = new Set(['shunfeng', 'zhongtong']);

export const kuaidi100FaultsSchema = z.strictObject({
  /** Share of queries that fail. */
  failureRate: z.number().min(0).max(1).default(0),
  /** `busy`: returnCode 502 服务器繁忙; `http_error`: HTTP 500; `timeout`: no answer until the caller gives up. */
  failureMode: z.enum(['busy', 'http_error', 'timeout']).default('busy'),
  /** Every answer waits this long first (real milliseconds). */
  delayMs: z.number().int().min(0).max(60_000).default(0),
  seed: z.number().int().default(1),
});
export type Kuaidi100Faults = z.infer<typeof kuaidi100FaultsSchema>;
export type Kuaidi100FaultsInput = z.input<typeof kuaidi100FaultsSchema>;

export const parcelOutcomeSchema = z.enum(['delivered', 'refused', 'problem']);
export type ParcelOutcome = z.infer<typeof parcelOutcomeSchema>;

export const registrationSchema = z.strictObject({
  com: z.string().min(1),
  num: z.string().min(1).max(32),
  /** The receiver's phone; a query for a phone-checked carrier must give one ending in the same 4 digits. */
  phone: z
    .string()
    .regex(/^\d{4,20}$/)
    .optional(),
  outcome: parcelOutcomeSchema.default('delivered'),
  /** How long from pickup to the end of its journey, in the sandbox's clock. */
  journeyMs: z.number().int().min(1000).optional(),
  /** When its journey began (default: now). */
  startedAt: z.number().int().optional(),
});
export type ParcelRegistration = z.input<typeof registrationSchema>;

interface Parcel {
  readonly com: string;
  readonly num: string;
  phone?: string;
  readonly outcome: ParcelOutcome;
  readonly journeyMs: number;
  startedAt: number;
  /** Answered queries (a track or 查询无结果), refusals and injected failures. */
  queries: number;
  tooSoon: number;
  failures: number;
  lastQueryAt?: number;
}

/** One step of a journey: when (share of the journey), 快递100's state code, what it says, where. */
interface Step {
  readonly at: number;
  readonly state: string;
  readonly context: string;
  readonly area: string;
}

export interface Kuaidi100SandboxOptions {
  /** The sandbox's clock, the functions' (default: the system clock). */
  readonly now?: () => number;
  readonly customer?: string;
  readonly key?: string;
  /** A parcel's journey unless registered otherwise (default 24 h). */
  readonly journeyMs?: number;
  readonly faults?: Kuaidi100FaultsInput;
  /** How long a `timeout` fault holds the request before dropping it (default 30 s). */
  readonly hangMs?: number;
}

type Answer = { readonly status: number; readonly body: unknown };

const SHANGHAI = 'Asia/Shanghai';
const ORIGINS = ['奉节县', '江津区', '渝中区', '沙坪坝区', '万州区', '涪陵区'] as const;
const DESTINATIONS = ['渝北区', '南岸区', '九龙坡区', '江北区', '巴南区', '北碚区', '大渡口区'] as const;
const COURIERS = ['李师傅', '王师傅', '陈师傅', '刘师傅'] as const;

const refusal = (returnCode: string, message: string): Answer => ({
  status: 200,
  body: { result: false, returnCode, message },
});
const INCOMPLETE = refusal('400', '提交的数据不完整，或者贵公司没授权');

export class Kuaidi100Sandbox {
  readonly customer: string;
  readonly key: string;
  private readonly now: () => number;
  private readonly journeyMs: number;
  private readonly hangMs: number;
  private readonly parcels = new Map<string, Parcel>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly hanging = new Set<ServerResponse>();
  private faults: Kuaidi100Faults;
  private random: () => number;

  constructor(options: Kuaidi100SandboxOptions = {}) {
    this.now = options.now ?? Date.now;
    this.customer = options.customer ?? SANDBOX_CUSTOMER;
    this.key = options.key ?? SANDBOX_KEY;
    this.journeyMs = options.journeyMs ?? DEFAULT_JOURNEY_MS;
    this.hangMs = options.hangMs ?? 30_000;
    this.faults = kuaidi100FaultsSchema.parse(options.faults ?? {});
    this.random = seededRandom(this.faults.seed);
  }

  /** What a function needs in its environment to query this sandbox at `emulatorUrl`. */
  functionEnv(emulatorUrl: string): Record<string, string> {
    return {
      KUAIDI100_URL: `${emulatorUrl}${KUAIDI100_SANDBOX_PATH}`,
      KUAIDI100_CUSTOMER: this.customer,
      KUAIDI100_KEY: this.key,
    };
  }

  setFaults(input: Kuaidi100FaultsInput): Kuaidi100Faults {
    this.faults = kuaidi100FaultsSchema.parse(input);
    this.random = seededRandom(this.faults.seed);
    return this.faults;
  }

  currentFaults(): Kuaidi100Faults {
    return this.faults;
  }

  /** Starts (or restarts) a parcel's journey, as a carrier's scan of a shipped order would. */
  register(input: ParcelRegistration) {
    const registration = registrationSchema.parse(input);
    const previous = this.parcels.get(keyOf(registration.com, registration.num));
    const parcel: Parcel = {
      com: registration.com,
      num: registration.num,
      ...(registration.phone ? { phone: registration.phone } : {}),
      outcome: registration.outcome,
      journeyMs: registration.journeyMs ?? this.journeyMs,
      startedAt: registration.startedAt ?? this.now(),
      queries: previous?.queries ?? 0,
      tooSoon: previous?.tooSoon ?? 0,
      failures: previous?.failures ?? 0,
      ...(previous?.lastQueryAt !== undefined ? { lastQueryAt: previous.lastQueryAt } : {}),
    };
    this.parcels.set(keyOf(parcel.com, parcel.num), parcel);
    return this.view(parcel);
  }

  /** Moves a parcel `ms` further along its journey (its start moves back). */
  advance(com: string, num: string, ms: number) {
    const parcel = this.parcels.get(keyOf(com, num));
    if (!parcel) return undefined;
    parcel.startedAt -= ms;
    return this.view(parcel);
  }

  parcel(com: string, num: string) {
    const parcel = this.parcels.get(keyOf(com, num));
    return parcel && this.view(parcel);
  }

  list() {
    return [...this.parcels.values()].map((parcel) => this.view(parcel));
  }

  /** What a query for the parcel answers now (its journey so far), without counting a query. */
  answerFor(com: string, num: string): unknown {
    const parcel = this.parcels.get(keyOf(com, num));
    return parcel ? this.track(parcel, this.now()).body : undefined;
  }

  reset(): void {
    this.parcels.clear();
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
  }

  /** Serves `/_emulator/kuaidi100/...`: the query API and the sandbox's controls. False for other paths. */
  async route(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (!path.startsWith(KUAIDI100_SANDBOX_PATH)) return false;
    const rest = path.slice(KUAIDI100_SANDBOX_PATH.length);
    const method = req.method ?? 'GET';
    const advance = /^\/parcels\/([^/]+)\/([^/]+)\/advance$/.exec(rest);
    try {
      if (rest === '/poll/query.do' && method === 'POST') {
        await this.serveQuery(await readText(req), res);
      } else if (rest === '/parcels' && method === 'GET') {
        send(res, 200, this.list());
      } else if (rest === '/parcels' && method === 'POST') {
        send(res, 200, this.register(JSON.parse((await readText(req)) || '{}') as ParcelRegistration));
      } else if (advance && method === 'POST') {
        const { ms } = z.object({ ms: z.number().int() }).parse(JSON.parse((await readText(req)) || '{}'));
        const moved = this.advance(decodeURIComponent(advance[1] ?? ''), decodeURIComponent(advance[2] ?? ''), ms);
        if (moved) send(res, 200, moved);
        else send(res, 404, { code: 'NOT_FOUND', message: 'no such parcel (query or register it first)' });
      } else if (rest === '/faults' && method === 'GET') {
        send(res, 200, this.currentFaults());
      } else if (rest === '/faults' && method === 'POST') {
        send(res, 200, this.setFaults(JSON.parse((await readText(req)) || '{}') as Kuaidi100FaultsInput));
      } else {
        send(res, 404, { code: 'NOT_FOUND', message: `${method} ${path} is not served here` });
      }
    } catch (error) {
      if (error instanceof z.ZodError) send(res, 400, { code: 'INVALID_ARGUMENT', message: z.prettifyError(error) });
      else if (error instanceof SyntaxError) send(res, 400, { code: 'BAD_REQUEST', message: 'body is not JSON' });
      else throw error;
    }
    return true;
  }

  /** One query as 快递100 answers it, faults included. */
  private async serveQuery(body: string, res: ServerResponse): Promise<void> {
    if (this.faults.delayMs > 0) await this.wait(this.faults.delayMs);
    const form = new URLSearchParams(body);
    const parsed = this.parseQuery(form);
    const failing = this.faults.failureRate > 0 && this.random() < this.faults.failureRate;
    if ('parcel' in parsed && failing) parsed.parcel.failures += 1;
    if (failing && this.faults.failureMode === 'timeout') {
      // Never answered: the caller's timeout fires; the connection is dropped later (or at stop).
      this.hanging.add(res);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.hanging.delete(res);
        res.destroy();
      }, this.hangMs);
      this.timers.add(timer);
      return;
    }
    if (failing && this.faults.failureMode === 'http_error') {
      res.writeHead(500, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><body>500 Internal Server Error</body></html>');
      return;
    }
    const answer = failing
      ? refusal('502', '服务器繁忙')
      : 'answer' in parsed
        ? parsed.answer
        : this.query(parsed.parcel);
    send(res, answer.status, answer.body);
  }

  /** The parcel a well-formed, correctly signed query asks for, or 快递100's refusal. */
  private parseQuery(form: URLSearchParams): { answer: Answer } | { parcel: Parcel } {
    const customer = form.get('customer');
    const sign = form.get('sign');
    const param = form.get('param');
    if (!customer || !sign || !param) return { answer: INCOMPLETE };
    if (customer !== this.customer) return { answer: INCOMPLETE };
    const expected = createHash('md5')
      .update(param + this.key + customer, 'utf8')
      .digest('hex')
      .toUpperCase();
    if (sign !== expected) return { answer: refusal('503', '验证签名失败') };
    let request: Record<string, unknown>;
    try {
      const value: unknown = JSON.parse(param);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return { answer: INCOMPLETE };
      request = value as Record<string, unknown>;
    } catch {
      return { answer: INCOMPLETE };
    }
    const com = typeof request.com === 'string' ? request.com : '';
    const num = typeof request.num === 'string' ? request.num.trim() : '';
    const phone = typeof request.phone === 'string' ? request.phone.trim() : '';
    if (!com || !num || num.length > 32) return { answer: INCOMPLETE };
    if (com !== com.toLowerCase() || !(com in CARRIER_NAMES)) return { answer: refusal('400', '找不到对应公司') };
    const known = this.parcels.get(keyOf(com, num));
    if (PHONE_CHECKED.has(com)) {
      if (!/^\d{4,20}$/.test(phone)) return { answer: refusal('408', '电话号码校验错误') };
      if (known?.phone && known.phone.slice(-4) !== phone.slice(-4)) {
        return { answer: refusal('408', '电话号码校验错误') };
      }
    }
    const parcel = known ?? this.firstQueried(com, num, phone);
    if (phone && !parcel.phone) parcel.phone = phone;
    return { parcel };
  }

  private firstQueried(com: string, num: string, phone: string): Parcel {
    const parcel: Parcel = {
      com,
      num,
      ...(phone ? { phone } : {}),
      outcome: 'delivered',
      journeyMs: this.journeyMs,
      startedAt: this.now(),
      queries: 0,
      tooSoon: 0,
      failures: 0,
    };
    this.parcels.set(keyOf(com, num), parcel);
    return parcel;
  }

  private query(parcel: Parcel): Answer {
    const now = this.now();
    if (parcel.lastQueryAt !== undefined && now - parcel.lastQueryAt < QUERY_INTERVAL_MS) parcel.tooSoon += 1;
    parcel.queries += 1;
    parcel.lastQueryAt = now;
    return this.track(parcel, now);
  }

  /** The parcel's answer at `now`: the steps it reached, newest first, or 查询无结果 before the first scan. */
  private track(parcel: Parcel, now: number): Answer {
    const reached = journey(parcel).filter((step) => parcel.startedAt + step.at * parcel.journeyMs <= now);
    const latest = reached.at(-1);
    if (!latest) return refusal('500', '查询无结果，请隔段时间再查');
    const data = reached
      .map((step) => {
        const time = dayjs(parcel.startedAt + step.at * parcel.journeyMs)
          .tz(SHANGHAI)
          .format('YYYY-MM-DD HH:mm:ss');
        return {
          time,
          ftime: time,
          context: step.context,
          areaCode: null,
          areaName: step.area,
          status: LABELS[step.state],
        };
      })
      .reverse();
    return {
      status: 200,
      body: {
        message: 'ok',
        nu: parcel.num,
        ischeck: latest.state === '3' || latest.state === '4' ? '1' : '0',
        condition: 'F00',
        com: parcel.com,
        status: '200',
        state: latest.state,
        data,
      },
    };
  }

  private view(parcel: Parcel) {
    const now = this.now();
    const answer = this.track(parcel, now).body as { state?: string };
    return {
      com: parcel.com,
      num: parcel.num,
      outcome: parcel.outcome,
      startedAt: parcel.startedAt,
      journeyMs: parcel.journeyMs,
      /** 快递100's state code now, or null before the first scan. */
      state: answer.state ?? null,
      queries: parcel.queries,
      tooSoon: parcel.tooSoon,
      failures: parcel.failures,
      lastQueryAt: parcel.lastQueryAt ?? null,
    };
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

const LABELS: Readonly<Record<string, string>> = {
  '0': '在途',
  '1': '揽收',
  '2': '疑难',
  '3': '签收',
  '4': '退签',
  '5': '派件',
  '6': '退回',
  '14': '拒签',
};

const keyOf = (com: string, num: string) => `${com}:${num}`;

/** A stable number from the waybill, so a parcel's route and courier are the same at every query and run. */
const hashOf = (num: string, salt: string): number =>
  createHash('sha256').update(`${salt}:${num}`).digest().readUInt32BE(0);
const pick = <T>(list: readonly T[], num: string, salt: string): T => list[hashOf(num, salt) % list.length] as T;

/** The parcel's script: the steps of its journey in order, `at` in shares of the journey. */
function journey(parcel: Parcel): Step[] {
  const carrier = CARRIER_NAMES[parcel.com] ?? parcel.com;
  const origin = pick(ORIGINS, parcel.num, 'origin');
  const destination = pick(DESTINATIONS, parcel.num, 'destination');
  const courier = pick(COURIERS, parcel.num, 'courier');
  const phone = `139${String(hashOf(parcel.num, 'phone') % 100_000_000).padStart(8, '0')}`;
  const at = (district: string) => `重庆,重庆市,${district}`;
  const common: Step[] = [
    { at: 0.05, state: '1', context: `【重庆市${origin}】${carrier}${origin}营业部 已揽收`, area: at(origin) },
    {
      at: 0.15,
      state: '0',
      context: `【重庆市${origin}】快件已从${origin}营业部发出，下一站【重庆转运中心】`,
      area: at(origin),
    },
    { at: 0.35, state: '0', context: '【重庆市】快件已到达【重庆转运中心】', area: '重庆,重庆市' },
    {
      at: 0.45,
      state: '0',
      context: `【重庆市】快件已从【重庆转运中心】发出，下一站【${destination}营业部】`,
      area: '重庆,重庆市',
    },
    {
      at: 0.65,
      state: '0',
      context: `【重庆市${destination}】快件已到达【${destination}营业部】`,
      area: at(destination),
    },
  ];
  const delivery: Step = {
    at: 0.75,
    state: '5',
    context: `【重庆市${destination}】快件派送中，派件员：${courier}，电话：${phone}`,
    area: at(destination),
  };
  switch (parcel.outcome) {
    case 'delivered':
      return [
        ...common,
        delivery,
        {
          at: 1,
          state: '3',
          context: `【重庆市${destination}】已签收，签收人：本人。感谢使用${carrier}，期待再次为您服务`,
          area: at(destination),
        },
      ];
    case 'refused':
      return [
        ...common,
        delivery,
        {
          at: 0.85,
          state: '14',
          context: `【重庆市${destination}】收件人拒收，快件将退回寄件人`,
          area: at(destination),
        },
        {
          at: 0.9,
          state: '6',
          context: `【重庆市${destination}】退回件已发出，下一站【${origin}营业部】`,
          area: at(destination),
        },
        { at: 1, state: '4', context: `【重庆市${origin}】退回件已由寄件人签收`, area: at(origin) },
      ];
    case 'problem':
      return [
        ...common,
        {
          at: 0.75,
          state: '2',
          context: `【重庆市${destination}】收件地址不详，联系不上收件人，快件滞留【${destination}营业部】`,
          area: at(destination),
        },
      ];
  }
}

/** 快递100 answers with this content type. */
const send = (res: ServerResponse, status: number, body: unknown) =>
  sendJson(res, status, body, 'application/json;charset=UTF-8');
