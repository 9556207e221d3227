import { getWXContext } from 'wx-server-sdk';

/** Who is calling, as the WeChat platform says: never as the event says. */
export interface WxIdentity {
  readonly openid: string | undefined;
  readonly appid: string | undefined;
  readonly unionid: string | undefined;
  /** `wx_client`, `wx_devtools`, `wx_trigger`, `wx_paycallback`, ... (undefined from the console). */
  readonly source: string | undefined;
  readonly env: string;
}

const text = (value: unknown): string | undefined =>
  value === undefined || value === null || value === '' ? undefined : String(value);

export function readWxContext(): WxIdentity {
  const wx = getWXContext();
  return {
    openid: text(wx.OPENID),
    appid: text(wx.APPID),
    unionid: text(wx.UNIONID),
    source: text(wx.SOURCE),
    env: text(wx.ENV) ?? '',
  };
}

/** The SCF invocation context passed as `main`'s second argument (only the fields we read). */
export interface ScfContext {
  readonly request_id?: string;
  readonly function_name?: string;
}

let localRequestSeq = 0;

export function requestIdOf(context: ScfContext | undefined): string {
  return context?.request_id ?? `local-${Date.now().toString(36)}-${(localRequestSeq++).toString(36)}`;
}
