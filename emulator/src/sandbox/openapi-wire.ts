/**
 * The protobuf envelope of `wx.openApi` calls, as wx-server-sdk 4.0.2 encodes it: the request is a
 * `CommApiData` whose `openapiData.pairs` hold each snake_case parameter as JSON bytes; the reply must be a
 * raw `CommOpenApiResp` (JSON or binary `respData`, its `contentType`, or a platform `errorCode`).
 */
import protobuf from 'protobufjs';

const root = protobuf.parse(`
  syntax = "proto3";
  message KeyValuePair { string key = 1; bytes value = 2; }
  message OpenApiData { repeated KeyValuePair pairs = 1; }
  message CommApiData { int32 apiType = 1; OpenApiData openapiData = 2; string appid = 6; }
  message HttpHeader { string key = 1; string value = 2; }
  message CommOpenApiResp {
    bytes respData = 1; string contentType = 2; int32 errorCode = 3; uint32 httpCode = 4;
    repeated HttpHeader headers = 5; int32 svrkitErrorCode = 6;
  }
`).root;

const CommApiData = root.lookupType('CommApiData');
const CommOpenApiResp = root.lookupType('CommOpenApiResp');

interface DecodedPair {
  key: string;
  value: Uint8Array;
}

/** The call's parameters (snake_case keys, JSON values) and the appid it was made for. */
export function decodeOpenApiRequest(bytes: Buffer): { params: Record<string, unknown>; appid: string } {
  const message = CommApiData.toObject(CommApiData.decode(bytes), { defaults: true }) as {
    openapiData?: { pairs?: DecodedPair[] };
    appid: string;
  };
  const params: Record<string, unknown> = {};
  for (const pair of message.openapiData?.pairs ?? []) {
    const text = Buffer.from(pair.value).toString('utf8');
    try {
      params[pair.key] = JSON.parse(text);
    } catch {
      params[pair.key] = text;
    }
  }
  return { params, appid: message.appid };
}

export type OpenApiReply =
  | { readonly kind: 'json'; readonly body: Record<string, unknown> }
  | { readonly kind: 'binary'; readonly contentType: string; readonly data: Buffer }
  | { readonly kind: 'platform-error'; readonly errorCode: number };

export function encodeOpenApiReply(reply: OpenApiReply): Buffer {
  const message =
    reply.kind === 'json'
      ? { respData: Buffer.from(JSON.stringify(reply.body)), contentType: 'application/json', httpCode: 200 }
      : reply.kind === 'binary'
        ? { respData: reply.data, contentType: reply.contentType, httpCode: 200 }
        : { errorCode: reply.errorCode, httpCode: 200 };
  return Buffer.from(CommOpenApiResp.encode(CommOpenApiResp.fromObject(message)).finish());
}

/** For tests: encode a request the way the SDK does. */
export function encodeOpenApiRequest(params: Record<string, unknown>, appid = ''): Buffer {
  const pairs = Object.entries(params).map(([key, value]) => ({ key, value: Buffer.from(JSON.stringify(value)) }));
  return Buffer.from(
    CommApiData.encode(CommApiData.fromObject({ apiType: 0, openapiData: { pairs }, appid })).finish(),
  );
}

export function decodeOpenApiReply(bytes: Buffer) {
  return CommOpenApiResp.toObject(CommOpenApiResp.decode(bytes), { defaults: true }) as {
    respData: Uint8Array;
    contentType: string;
    errorCode: number;
  };
}
