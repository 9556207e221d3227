/**
 * On the platform every invocation carries a `WX_API_TOKEN` that the SDK sends with each openapi or
 * CloudPay call (`wxCloudApiToken`), which is how WeChat knows which function, and on whose behalf, is
 * calling. The emulator's runner issues one per invocation the same way; the sandboxes read it back.
 */
export interface ApiCaller {
  readonly functionName: string;
  readonly openid?: string;
  readonly appid?: string;
}

const PREFIX = 'local1.';

export function issueApiToken(caller: ApiCaller): string {
  return PREFIX + Buffer.from(JSON.stringify(caller)).toString('base64url');
}

export function readApiToken(token: string | undefined): ApiCaller | undefined {
  if (!token?.startsWith(PREFIX)) return undefined;
  try {
    const value = JSON.parse(
      Buffer.from(token.slice(PREFIX.length), 'base64url').toString('utf8'),
    ) as Partial<ApiCaller>;
    if (typeof value.functionName !== 'string') return undefined;
    return {
      functionName: value.functionName,
      ...(typeof value.openid === 'string' ? { openid: value.openid } : {}),
      ...(typeof value.appid === 'string' ? { appid: value.appid } : {}),
    };
  } catch {
    return undefined;
  }
}
