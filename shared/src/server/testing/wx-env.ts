/**
 * Sets the process environment the way the SCF runtime does before an invocation, so the real
 * `wx-server-sdk` `getWXContext()` reads it. For tests that call a wrapped `main` in-process.
 */
export interface WxEnv {
  readonly OPENID?: string;
  readonly APPID?: string;
  readonly UNIONID?: string;
  readonly SOURCE?: string;
  readonly ENV?: string;
}

const KEYS = ['WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'TCB_SOURCE', 'TCB_ENV', 'WX_CONTEXT_KEYS'] as const;

export function setWxEnv(wx: WxEnv): void {
  for (const key of KEYS) delete process.env[key];
  process.env.WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID,WX_UNIONID';
  if (wx.OPENID !== undefined) process.env.WX_OPENID = wx.OPENID;
  if (wx.APPID !== undefined) process.env.WX_APPID = wx.APPID;
  if (wx.UNIONID !== undefined) process.env.WX_UNIONID = wx.UNIONID;
  if (wx.SOURCE !== undefined) process.env.TCB_SOURCE = wx.SOURCE;
  process.env.TCB_ENV = wx.ENV ?? 'test-env';
}
