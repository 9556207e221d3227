/**
 * The environment a function instance sees. Process-wide values are fixed when its worker starts;
 * the per-invocation ones are written into the worker's `process.env` before each call, the way the
 * SCF runtime copies `context.environ`, because `wx-server-sdk` reads identity from `process.env`.
 */

/** Platform `SOURCE` values (getWXContext docs); a function called by a function sees `<caller's>,scf`. */
export type InvocationSource =
  'wx_client' | 'wx_devtools' | 'wx_http' | 'wx_trigger' | 'wx_paycallback' | 'wx_unknown' | 'scf' | (string & {});

/** Who is invoking: what the platform would put in the WeChat context. */
export interface Caller {
  readonly openid?: string;
  readonly appid?: string;
  readonly unionid?: string;
  readonly clientIp?: string;
  readonly source: InvocationSource;
  readonly triggerSrc?: 'timer';
}

export interface InstanceEnvOptions {
  readonly envId: string;
  /** Base URL of the emulator; the SDK is pointed at `<url>/admin`. */
  readonly emulatorUrl: string;
  readonly functionName: string;
  /** The function's own environment variables (cloudbaserc `envVariables`). */
  readonly variables?: Readonly<Record<string, string>>;
}

/** `WX_API_TOKEN` is listed so node-sdk sends it as `wxCloudApiToken`; getWXContext skips it. */
export const WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_API_TOKEN';

/** The recipe of `reference/cloudbase-wire-protocol.md` §7: no metadata probe, dummy keys, SDK on loopback. */
export function instanceEnv(options: InstanceEnvOptions): Record<string, string> {
  if (options.emulatorUrl.includes('?')) throw new TypeError('emulatorUrl must not have a query string');
  const adminUrl = `${options.emulatorUrl.replace(/\/+$/, '')}/admin`;
  return {
    ...options.variables,
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    SCF_NAMESPACE: options.envId,
    TCB_ENV: options.envId,
    SCF_FUNCTIONNAME: options.functionName,
    SCF_FUNCTIONVERSION: '$LATEST',
    TENCENTCLOUD_SECRETID: 'local',
    TENCENTCLOUD_SECRETKEY: 'local',
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: adminUrl }),
    WX_CONTEXT_KEYS,
    SILENCE: 'true',
  };
}

/** Per-invocation variables; `null` means "unset it", so nothing leaks from the previous caller. */
export type InvocationEnviron = Readonly<Record<string, string | null>>;

export function invocationEnviron(caller: Caller, token: string): InvocationEnviron {
  const timer = caller.triggerSrc === 'timer';
  return {
    WX_OPENID: caller.openid ?? null,
    WX_APPID: caller.appid ?? null,
    WX_UNIONID: caller.unionid ?? null,
    WX_CLIENTIP: caller.clientIp ?? null,
    WX_API_TOKEN: token,
    WX_TRIGGER_API_TOKEN_V0: timer ? token : null,
    TCB_SOURCE: caller.source,
    TRIGGER_SRC: timer ? 'timer' : null,
  };
}

/** SCF's `context.environ`: `k=v;k=v` of the variables that are set. */
export function environString(environ: InvocationEnviron): string {
  return Object.entries(environ)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([key, value]) => `${key}=${value}`)
    .join(';');
}
