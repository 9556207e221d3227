/**
 * The `cloud.openapi.*` sandbox (`wx.openApi`): subscription messages go to an outbox and spend a
 * one-time credit the user granted (what `wx.requestSubscribeMessage` records on the platform), mini-
 * program codes are real PNG QR codes of the scene, content-security verdicts are configurable, shipping
 * information is checked and kept as 发货信息管理 does (`shipping-info.ts`), and a function may only call the
 * APIs its `config.json` `permissions.openapi` lists.
 */
import QRCode from 'qrcode';
import type { ApiCaller } from './api-token';
import { type Faults, NO_FAULTS, seededRandom } from './faults';
import type { OpenApiReply } from './openapi-wire';
import { ShippingInfoDesk, type TradeLookup } from './shipping-info';

/** The platform's error when a function calls an openapi its config.json does not list. */
export const NO_PERMISSION_ERROR = -604101;

export interface OutboxMessage {
  readonly touser: string;
  readonly templateId: string;
  readonly page?: string;
  readonly data: Record<string, unknown>;
  readonly miniprogramState?: string;
  readonly fromFunction: string;
  readonly msgid: number;
  readonly sentAt: number;
}

export interface SecurityVerdicts {
  /** Text containing any of these is `risky` for msgSecCheck. */
  blockedWords: string[];
  /** What imgSecCheck answers. */
  imageVerdict: 'pass' | 'risky';
}

type Params = Record<string, unknown>;

export interface OpenApiSandboxOptions {
  /** The CloudPay ledger's paid trades, which the shipping API checks payments against. */
  readonly trades?: TradeLookup;
  /** The run's faults (shared with the CloudPay sandbox). */
  readonly faults?: () => Faults;
}

const json = (body: Record<string, unknown>): OpenApiReply => ({ kind: 'json', body });
const wxError = (errcode: number, errmsg: string) => json({ errcode, errmsg });
const ok = (extra: Record<string, unknown> = {}) => json({ errcode: 0, errmsg: 'ok', ...extra });

export class OpenApiSandbox {
  private readonly outboxMessages: OutboxMessage[] = [];
  /** openid → templateId → remaining one-time credits. */
  private readonly credits = new Map<string, Map<string, number>>();
  private verdicts: SecurityVerdicts = { blockedWords: [], imageVerdict: 'pass' };
  private msgid = 1_000;
  readonly shipping: ShippingInfoDesk;
  private faultsSeen: Faults | undefined;
  private random: () => number = Math.random;

  /**
   * @param permissionsOf the `permissions.openapi` list of a function's config.json, or undefined when the
   *        caller is not a known function (then nothing is allowed).
   */
  constructor(
    private readonly permissionsOf: (functionName: string) => readonly string[] | undefined,
    options: OpenApiSandboxOptions = {},
  ) {
    const faults = options.faults ?? (() => NO_FAULTS);
    this.shipping = new ShippingInfoDesk(options.trades, () => {
      const current = faults();
      // Faults set anew start their dice anew, from their seed, so a run replays.
      if (current !== this.faultsSeen) {
        this.faultsSeen = current;
        this.random = seededRandom(current.seed);
      }
      return {
        failureRate: current.shippingInfoFailureRate,
        failureMode: current.shippingInfoFailureMode,
        random: this.random,
      };
    });
  }

  async handle(apiName: string, params: Params, caller: ApiCaller | undefined): Promise<OpenApiReply> {
    const allowed = caller ? this.permissionsOf(caller.functionName) : undefined;
    if (!allowed?.includes(apiName)) return { kind: 'platform-error', errorCode: NO_PERMISSION_ERROR };
    switch (apiName) {
      case 'subscribeMessage.send':
        return this.sendSubscribeMessage(params, caller?.functionName ?? '');
      case 'wxacode.getUnlimited':
        return this.unlimitedCode(params);
      case 'security.msgSecCheck':
        return this.msgSecCheck(params);
      case 'security.imgSecCheck':
        return this.verdicts.imageVerdict === 'pass' ? ok() : wxError(87014, 'risky content');
      case 'wxa.sec.order.uploadShippingInfo':
        return this.shipping.upload(params, caller?.functionName ?? '');
      default:
        return wxError(-1, `openapi.${apiName} is not supported by the local sandbox`);
    }
  }

  /** Stands in for `wx.requestSubscribeMessage`: the user accepts these templates once each. */
  grant(openid: string, templateIds: readonly string[]): void {
    const forUser = this.credits.get(openid) ?? new Map<string, number>();
    for (const id of templateIds) forUser.set(id, (forUser.get(id) ?? 0) + 1);
    this.credits.set(openid, forUser);
  }

  creditsOf(openid: string): Record<string, number> {
    return Object.fromEntries(this.credits.get(openid) ?? []);
  }

  outbox(): readonly OutboxMessage[] {
    return this.outboxMessages;
  }

  setVerdicts(verdicts: Partial<SecurityVerdicts>): SecurityVerdicts {
    this.verdicts = { ...this.verdicts, ...verdicts };
    return this.verdicts;
  }

  reset(): void {
    this.outboxMessages.length = 0;
    this.credits.clear();
    this.shipping.reset();
  }

  private sendSubscribeMessage(params: Params, fromFunction: string): OpenApiReply {
    const touser = typeof params.touser === 'string' ? params.touser : '';
    const templateId = typeof params.template_id === 'string' ? params.template_id : '';
    const data = params.data;
    if (!touser) return wxError(40003, 'invalid openid');
    if (!templateId) return wxError(40037, 'invalid template_id');
    if (typeof data !== 'object' || data === null) return wxError(47003, 'argument invalid! data is empty');
    const forUser = this.credits.get(touser);
    const left = forUser?.get(templateId) ?? 0;
    if (left <= 0) return wxError(43101, 'user refuse to accept the msg');
    forUser?.set(templateId, left - 1);
    const msgid = ++this.msgid;
    this.outboxMessages.push({
      touser,
      templateId,
      ...(typeof params.page === 'string' ? { page: params.page } : {}),
      data: data as Record<string, unknown>,
      ...(typeof params.miniprogram_state === 'string' ? { miniprogramState: params.miniprogram_state } : {}),
      fromFunction,
      msgid,
      sentAt: Date.now(),
    });
    return ok({ msgid });
  }

  private async unlimitedCode(params: Params): Promise<OpenApiReply> {
    const scene = typeof params.scene === 'string' ? params.scene : '';
    if (scene.length === 0 || scene.length > 32)
      return wxError(40169, 'invalid length for scene, or the data is not json string');
    const width = typeof params.width === 'number' ? Math.min(Math.max(params.width, 280), 1280) : 430;
    const page = typeof params.page === 'string' ? params.page : '';
    const data = await QRCode.toBuffer(`${page}?scene=${encodeURIComponent(scene)}`, { type: 'png', width, margin: 2 });
    return { kind: 'binary', contentType: 'image/png', data };
  }

  private msgSecCheck(params: Params): OpenApiReply {
    const content = typeof params.content === 'string' ? params.content : '';
    const hit = this.verdicts.blockedWords.find((word) => word !== '' && content.includes(word));
    if (params.version === 2) {
      return ok({
        result: { suggest: hit ? 'risky' : 'pass', label: hit ? 20001 : 100 },
        detail: hit ? [{ strategy: 'keyword', errcode: 0, suggest: 'risky', label: 20001, keyword: hit }] : [],
        trace_id: `local-${Date.now().toString(36)}`,
      });
    }
    return hit ? wxError(87014, 'risky content') : ok();
  }
}
