/**
 * The only caller of cloud functions in the mini-program. Requests and responses are typed by the
 * shared contracts, and every response is parsed as an envelope, so a server drift shows up as a
 * typed error instead of an undefined field on a page.
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

export function initCloud(): void {
  wx.cloud.init({ traceUser: true });
}

export async function callFunction<N extends FunctionName>(
  name: N,
  data: RequestOf<ContractOf<N>>,
): Promise<Envelope<ResponseOf<ContractOf<N>>>> {
  let result: unknown;
  try {
    result = (await wx.cloud.callFunction({ name, data: data as WechatMiniprogram.IAnyObject })).result;
  } catch {
    return failure('UNAVAILABLE');
  }
  const parsed = responseEnvelopeSchema(contracts[name]).safeParse(result);
  return parsed.success ? (parsed.data as Envelope<ResponseOf<ContractOf<N>>>) : failure('INTERNAL');
}
