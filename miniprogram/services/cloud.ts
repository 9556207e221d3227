/**
 * The only caller of cloud functions in the mini-program. Requests and responses are typed by the
 * shared contracts, and every response is parsed as an envelope, so a server drift shows up as a
 * typed error instead of an undefined field on a page.
 *
 * Two transports: `cloud` (production: `wx.cloud.callFunction`, identity from WeChat) and `local`
 * (development against `npm start`: `POST <gateway>/fn/<name>` with the developer's chosen openid in
 * `x-wx-openid`, which the emulator's gateway turns into the function's WeChat context).
 */
import {
  contracts,
  type Envelope,
  failure,
  type FunctionName,
  type RequestOf,
  responseEnvelopeSchema,
  type ResponseOf,
} from '@shared/client';

type ContractOf<N extends FunctionName> = (typeof contracts)[N];

export type CloudMode =
  | { readonly mode: 'cloud'; readonly env?: string }
  | { readonly mode: 'local'; readonly gatewayUrl: string; readonly openid: string };

let current: CloudMode = { mode: 'cloud' };

export function initCloud(mode: CloudMode = { mode: 'cloud' }): void {
  current = mode;
  if (mode.mode === 'cloud') wx.cloud.init(mode.env ? { env: mode.env, traceUser: true } : { traceUser: true });
}

/** Which transport is in use: live progress watches the database in the cloud and polls locally. */
export function currentCloud(): CloudMode {
  return current;
}

/** A POST to the local gateway with `wx.request`: a function call, or one of the emulator's WeChat stand-ins. */
export function postLocal(gatewayUrl: string, openid: string, path: string, data: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    wx.request({
      url: `${gatewayUrl}${path}`,
      method: 'POST',
      header: { 'content-type': 'application/json', 'x-wx-openid': openid },
      data: data as WechatMiniprogram.IAnyObject,
      success: (res) =>
        res.statusCode === 200 ? resolve(res.data) : reject(new Error(`gateway answered ${res.statusCode}`)),
      fail: (err) => reject(new Error(err.errMsg)),
    });
  });
}

export async function callFunction<N extends FunctionName>(
  name: N,
  data: RequestOf<ContractOf<N>>,
): Promise<Envelope<ResponseOf<ContractOf<N>>>> {
  let result: unknown;
  try {
    result =
      current.mode === 'local'
        ? await postLocal(current.gatewayUrl, current.openid, `/fn/${name}`, data)
        : (await wx.cloud.callFunction({ name, data: data as WechatMiniprogram.IAnyObject })).result;
  } catch {
    return failure('UNAVAILABLE');
  }
  const parsed = responseEnvelopeSchema(contracts[name]).safeParse(result);
  return parsed.success ? (parsed.data as Envelope<ResponseOf<ContractOf<N>>>) : failure('INTERNAL');
}
