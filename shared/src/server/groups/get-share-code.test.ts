/**
 * getShareCode end to end: the bundled function in the emulator's runner calls the real wx-server-sdk's
 * `openapi.wxacode.getUnlimited`, which the openapi sandbox answers with a real PNG QR code; the test
 * decodes the PNG and checks the page and scene it carries.
 */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeShareScene } from '../../contracts/get-share-code.contract';
import { GROUP_PAGE } from '../../contracts/routes';
import { type CatalogFixture, pickupAt, seedCatalog } from '../testing/group-buy.fixtures';
import { data, type Envelope, refusal } from '../testing/envelopes';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();

type ShareCode = { pngBase64: string; page: string; scene: string };

const call = async <T>(name: string, openid: string | undefined, body: unknown) =>
  (await platform.call<Envelope<T>>(name, openid, body)).body;

/** What the QR code in the PNG says. */
function readCode(pngBase64: string): string | undefined {
  const png = PNG.sync.read(Buffer.from(pngBase64, 'base64'));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

describe('getShareCode', () => {
  let fx: CatalogFixture;
  let groupId: string;
  let orderId: string;

  beforeAll(async () => {
    fx = await seedCatalog((c, d) => platform.insert(c, d));
    ({ groupId, orderId } = data(
      await call<{ groupId: string; orderId: string }>('openGroup', 'o-share-leader', {
        activityId: fx.activityId,
        quantity: 1,
        delivery: pickupAt(fx),
      }),
    ));
  });

  it('gives the leader a code of the group page whose scene names the group and the leader’s ref', async () => {
    const { ref } = data(await call<{ ref: string }>('login', 'o-share-leader', {}));
    const { result, trips } = await platform.countingRoundTrips(() =>
      call<ShareCode>('getShareCode', 'o-share-leader', { groupId }),
    );
    const code = data(result);
    console.log(`getShareCode: ${trips} database requests`);
    expect(trips).toBe(2);
    expect(code.page).toBe(GROUP_PAGE);
    expect(code.scene).toBe(`${groupId}.${ref}`);
    expect(readCode(code.pngBase64)).toBe(`${GROUP_PAGE}?scene=${encodeURIComponent(code.scene)}`);
    expect(decodeShareScene(encodeURIComponent(code.scene))).toEqual({ groupId, ref });
    expect(code.scene).not.toContain('o-share');
  });

  it('shows a pending group to its leader only, an opened one to anyone (with their own ref)', async () => {
    expect(refusal(await call('getShareCode', 'o-share-visitor', { groupId }))).toBe('NOT_FOUND');
    expect(await call('getShareCode', 'o-share-visitor', { groupId })).toEqual(
      await call('getShareCode', 'o-share-visitor', { groupId: 'G-missing' }),
    );
    await platform.pay(orderId);
    await platform.settle();

    // A shopper who never logged in gets a ref on their first share, the one login reports later.
    const visitor = data(await call<ShareCode>('getShareCode', 'o-share-visitor', { groupId }));
    const decoded = decodeShareScene(readCode(visitor.pngBase64)?.split('?scene=')[1] ?? '');
    const { ref } = data(await call<{ ref: string }>('login', 'o-share-visitor', {}));
    expect(decoded).toEqual({ groupId, ref });
    expect((await platform.get('users', 'o-share-visitor'))?.ref).toBe(ref);
    const leader = data(await call<ShareCode>('getShareCode', 'o-share-leader', { groupId }));
    expect(leader.scene).not.toBe(visitor.scene);

    // A user from before refs gets one too.
    await platform.insert('users', [
      { _id: 'o-share-old', nickname: '老用户', avatarUrl: '', roles: ['shopper'], createdAt: 1 },
    ]);
    const old = data(await call<ShareCode>('getShareCode', 'o-share-old', { groupId }));
    expect(old.scene).toBe(`${groupId}.${String((await platform.get('users', 'o-share-old'))?.ref)}`);
  });

  it('hides an abandoned group; refuses bad input and strangers to the platform, changing nothing', async () => {
    const other = data(
      await call<{ groupId: string }>('openGroup', 'o-share-quitter', {
        activityId: fx.activityId,
        quantity: 1,
        delivery: pickupAt(fx),
      }),
    );
    await platform.update('groups', { _id: other.groupId }, { $set: { status: 'abandoned' } });
    expect(refusal(await call('getShareCode', 'o-share-visitor', { groupId: other.groupId }))).toBe('NOT_FOUND');
    expect(refusal(await call('getShareCode', 'o-share-quitter', { groupId: other.groupId }))).toBe('ok');

    const users = await platform.find('users');
    for (const body of [{}, { groupId: '' }, { groupId: 42 }, { groupId: 'G'.repeat(65) }, { group: groupId }]) {
      expect(refusal(await call('getShareCode', 'o-share-new', body)), JSON.stringify(body)).toBe('INVALID_ARGUMENT');
    }
    expect(refusal(await call('getShareCode', 'o-share-new', { groupId: 'G-missing' }))).toBe('NOT_FOUND');
    expect(refusal(await call('getShareCode', undefined, { groupId }))).toBe('UNAUTHENTICATED');
    expect(await platform.find('users')).toEqual(users);
  });
});
