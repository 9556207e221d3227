/**
 * On the platform every invocation carries a `WX_API_TOKEN` that the SDK sends with each openapi or
 * CloudPay call (`wxCloudApiToken`): that is how WeChat knows which function, on whose behalf, is calling.
 * The function runner issues one per invocation; the sandboxes resolve it back to the caller.
 */
export interface ApiCaller {
  readonly functionName: string;
  readonly openid?: string;
}

export type ResolveApiCaller = (token: string) => ApiCaller | undefined;
