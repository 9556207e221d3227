/**
 * updateProfile end to end: bundled, in the emulator's runner with the real wx-server-sdk (content security
 * through the openapi sandbox). It changes only the caller's own profile.
 */
import { describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../contracts/contract';
import type { loginContract } from '../../contracts/login.contract';
import { data, refusal } from '../testing/envelopes';
import { caller, REF } from '../testing/shopper';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const call = caller(platform);
const { countingRoundTrips } = platform;

type Me = ResponseOf<typeof loginContract>;

describe('updateProfile', () => {
  it('sets the trimmed nickname and the avatar; keeps the avatar when none is given', async () => {
    await call('login', 'o-prof', {});
    const { result, trips } = await countingRoundTrips(() =>
      call('updateProfile', 'o-prof', { nickname: '  南坪小王  ', avatarUrl: 'cloud://env/avatar/wang.png' }),
    );
    console.log(`updateProfile: ${trips} database round trips`);
    expect(trips).toBeLessThanOrEqual(2);
    expect(data(result)).toEqual({ nickname: '南坪小王', avatarUrl: 'cloud://env/avatar/wang.png' });
    expect(data(await call('updateProfile', 'o-prof', { nickname: '南坪老王' }))).toEqual({
      nickname: '南坪老王',
      avatarUrl: 'cloud://env/avatar/wang.png',
    });
    expect(await platform.get('users', 'o-prof')).toMatchObject({
      nickname: '南坪老王',
      avatarUrl: 'cloud://env/avatar/wang.png',
    });
    expect(data(await call<Me>('login', 'o-prof', {}))).toMatchObject({ nickname: '南坪老王' });
    // The same profile again is fine.
    expect(refusal(await call('updateProfile', 'o-prof', { nickname: '南坪老王' }))).toBe('ok');
  });

  it('creates the user when absent, with a ref', async () => {
    expect(data(await call('updateProfile', 'o-prof-new', { nickname: '江北吃货' }))).toEqual({
      nickname: '江北吃货',
      avatarUrl: '',
    });
    expect(await platform.get('users', 'o-prof-new')).toMatchObject({
      nickname: '江北吃货',
      ref: expect.stringMatching(REF),
    });
  });

  it('refuses a risky nickname (content security) and bad input, changing nothing', async () => {
    await call('updateProfile', 'o-prof-bad', { nickname: '老实人', avatarUrl: 'https://img/a.png' });
    const before = await platform.get('users', 'o-prof-bad');
    platform.emulator.openapi.setVerdicts({ blockedWords: ['代刷'] });
    try {
      const risky = await call('updateProfile', 'o-prof-bad', { nickname: '低价代刷', avatarUrl: 'https://img/b.png' });
      expect(risky).toEqual({ ok: false, error: { code: 'CONTENT_RISKY', message: expect.stringMatching(/[一-龥]/) } });
    } finally {
      platform.emulator.openapi.setVerdicts({ blockedWords: [] });
    }
    for (const body of [
      {},
      { nickname: '' },
      { nickname: '   ' },
      { nickname: '长'.repeat(33) },
      { nickname: 42 },
      { nickname: '老王', avatarUrl: 'http://img/a.png' },
      { nickname: '老王', avatarUrl: 'file:///etc/passwd' },
      { nickname: '老\u0007王' },
      { nickname: '老王\n管理员' },
      { nickname: 'admin\u202Enimda' },
      { nickname: '\u2066老王\u2069' },
    ]) {
      expect(refusal(await call('updateProfile', 'o-prof-bad', body)), JSON.stringify(body)).toBe('INVALID_ARGUMENT');
    }
    expect(await platform.get('users', 'o-prof-bad')).toEqual(before);
    expect(refusal(await call('updateProfile', 'o-prof-nobody', { nickname: '' }))).toBe('INVALID_ARGUMENT');
    expect(await platform.get('users', 'o-prof-nobody')).toBeNull();
  });

  it('changes only the caller’s profile, whatever the event says', async () => {
    await call('updateProfile', 'o-prof-victim', { nickname: '受害人' });
    await call('updateProfile', 'o-prof-attacker', { nickname: '坏人', openid: 'o-prof-victim', _id: 'o-prof-victim' });
    expect(await platform.get('users', 'o-prof-victim')).toMatchObject({ nickname: '受害人' });
    expect(await platform.get('users', 'o-prof-attacker')).toMatchObject({ nickname: '坏人' });
    expect(refusal(await call('updateProfile', undefined, { nickname: '谁' }))).toBe('UNAUTHENTICATED');
  });
});
