import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../../../tools/paths';

/** The bundle `npm run build:cf` makes, as deployed. */
const bundle = fromRoot('cloudfunctions', 'ping', 'index.js');

/** Runs the bundled `main` in a fresh node process with the SCF environment, as the platform would. */
function invoke(event: unknown, env: Record<string, string>): unknown {
  const script = `require(${JSON.stringify(bundle)}).main(${JSON.stringify(event)}, { request_id: 'r-1' })
    .then((answer) => process.stdout.write(JSON.stringify(answer)))`;
  const out = execFileSync(process.execPath, ['-e', script], {
    env: {
      PATH: process.env.PATH ?? '',
      TENCENTCLOUD_RUNENV: 'SCF',
      TENCENTCLOUD_REGION: 'ap-shanghai',
      SCF_NAMESPACE: 'shancheng-dev',
      TCB_ENV: 'shancheng-dev',
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID',
      WX_APPID: 'wx-app',
      ...env,
    },
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

describe('ping, bundled, with the real wx-server-sdk', () => {
  it('is one self-contained CommonJS file that only requires wx-server-sdk', () => {
    const code = readFileSync(bundle, 'utf8');
    const required = [...code.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['wx-server-sdk']));
  });

  it('answers the caller openid from the WeChat context, the env and the server time', () => {
    const before = Date.now();
    const answer = invoke({ openid: 'o-forged' }, { WX_OPENID: 'o-caller', TCB_SOURCE: 'wx_client' }) as {
      ok: boolean;
      data: { openid: string; env: string; now: number };
    };
    expect(answer.ok).toBe(true);
    expect(answer.data.openid).toBe('o-caller');
    expect(answer.data.env).toBe('shancheng-dev');
    expect(answer.data.now).toBeGreaterThanOrEqual(before);
    expect(answer.data.now).toBeLessThanOrEqual(Date.now());
  });

  it('refuses a caller without a WeChat identity', () => {
    expect(invoke({ openid: 'o-forged' }, { TCB_SOURCE: 'wx_client' })).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: '请先登录微信后再试' },
    });
  });
});
