/**
 * The `/admin` actions `wx.openApi` and `wx.wxPayApi`: multipart requests from the SDK, answered the way
 * the platform answers (a raw protobuf for openapi, JSON bytes for CloudPay). The reply's content type is
 * deliberately not `application/json; charset=utf-8`: the SDK reserves that one for platform errors.
 */
import type { ResolveApiCaller } from './api-token';
import { fieldText, parseMultipart } from './multipart';
import type { OpenApiSandbox } from './openapi-sandbox';
import { decodeOpenApiRequest, encodeOpenApiReply } from './openapi-wire';
import type { PaySandbox } from './pay-sandbox';

export interface RawReply {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
}

/** A platform-level failure the SDK turns into a thrown error with this code. */
const platformError = (code: string, message: string): RawReply => ({
  status: 200,
  contentType: 'application/json; charset=utf-8',
  body: Buffer.from(JSON.stringify({ code, message, requestId: `local-${Date.now().toString(36)}` })),
});

export const WX_API_ACTIONS = ['wx.openApi', 'wx.wxPayApi'] as const;

export function isWxApiRequest(contentType: string | undefined): boolean {
  return contentType?.startsWith('multipart/form-data') ?? false;
}

export async function handleWxApiAction(
  body: Buffer,
  contentType: string,
  sandboxes: { readonly openapi: OpenApiSandbox; readonly pay: PaySandbox },
  resolveCaller: ResolveApiCaller,
): Promise<RawReply> {
  const fields = await parseMultipart(body, contentType);
  const action = fieldText(fields, 'action');
  const apiName = fieldText(fields, 'apiName');
  const caller = resolveCaller(fieldText(fields, 'wxCloudApiToken'));
  const requestData = fields.get('requestData') ?? Buffer.alloc(0);

  if (action === 'wx.openApi') {
    let params: Record<string, unknown>;
    try {
      params = decodeOpenApiRequest(requestData).params;
    } catch {
      return platformError('INVALID_PARAM', 'requestData is not a CommApiData protobuf');
    }
    const reply = await sandboxes.openapi.handle(apiName, params, caller);
    return { status: 200, contentType: 'application/octet-stream', body: encodeOpenApiReply(reply) };
  }
  if (action === 'wx.wxPayApi') {
    let params: Record<string, unknown>;
    try {
      params = JSON.parse(requestData.toString('utf8')) as Record<string, unknown>;
    } catch {
      return platformError('INVALID_PARAM', 'requestData is not JSON');
    }
    const reply = sandboxes.pay.handle(apiName, params, caller);
    return { status: 200, contentType: 'application/json', body: Buffer.from(JSON.stringify(reply)) };
  }
  return platformError('INVALID_ACTION', `action ${action || '(none)'} is not supported by the local emulator`);
}
