/**
 * The services' own behaviour against a stand-in `wx`: permissions, storage, WeChat's prompts, live progress,
 * photo uploads.
 */
import { SUBSCRIBE_TEMPLATES } from '@shared/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveAddress, savedAddresses, removeAddress, toDelivery } from './addresses';
import { initCloud } from './cloud';
import { watchGroup, POLL_INTERVAL_MS } from './live';
import { locate } from './location';
import { confirmTransfer } from './merchant-transfer';
import { askForMessages, pay } from './payment';
import { rememberSharer, sharer } from './session';
import { photoName, uploadAfterSalePhoto } from './storage';

let storage: Map<string, unknown>;
const stubWx = (apis: Record<string, unknown>) =>
  vi.stubGlobal('wx', {
    setStorageSync: (key: string, value: unknown) => storage.set(key, value),
    getStorageSync: (key: string) => storage.get(key) ?? '',
    cloud: { init: vi.fn() },
    ...apis,
  });

beforeEach(() => {
  storage = new Map();
  stubWx({});
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const params = { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=p', signType: 'RSA', paySign: 's' };

describe('location', () => {
  it('does not ask again once refused, and maps a refusal at the prompt to denied', async () => {
    const getLocation = vi.fn();
    stubWx({ getSetting: async () => ({ authSetting: { 'scope.userLocation': false } }), getLocation });
    expect(await locate()).toEqual({ kind: 'denied' });
    expect(getLocation).not.toHaveBeenCalled();

    stubWx({
      getSetting: async () => ({ authSetting: {} }),
      getLocation: async () => Promise.reject({ errMsg: 'getLocation:fail auth deny' }),
    });
    expect(await locate()).toEqual({ kind: 'denied' });
  });

  it('gives GCJ-02 coordinates when allowed, and the reason when the phone cannot tell', async () => {
    const getLocation = vi.fn(async () => ({ latitude: 29.56, longitude: 106.58 }));
    stubWx({ getSetting: async () => ({ authSetting: { 'scope.userLocation': true } }), getLocation });
    expect(await locate()).toEqual({ kind: 'granted', location: { latitude: 29.56, longitude: 106.58 } });
    expect(getLocation).toHaveBeenCalledWith({ type: 'gcj02' });

    stubWx({
      getSetting: async () => ({ authSetting: {} }),
      getLocation: async () => Promise.reject({ errMsg: 'getLocation:fail timeout' }),
    });
    expect(await locate()).toEqual({ kind: 'failed', message: 'getLocation:fail timeout' });
  });
});

describe('addresses', () => {
  const wechat = {
    userName: ' 张三 ',
    telNumber: '+86 138-0013-8000',
    cityName: '重庆市',
    countyName: '渝中区',
    detailInfo: '解放碑 1 号',
  };

  it('turns WeChat’s address into a delivery, refusing districts we do not serve', () => {
    expect(toDelivery(wechat)).toEqual({
      kind: 'address',
      name: '张三',
      phone: '13800138000',
      district: '渝中区',
      detail: '解放碑 1 号',
    });
    expect(toDelivery({ ...wechat, cityName: '成都市', countyName: '武侯区' })).toEqual({
      error: '暂不支持配送到成都市武侯区',
    });
    expect(toDelivery({ ...wechat, telNumber: '023-63800001' })).toEqual({ error: '请使用中国大陆手机号' });
  });

  it('keeps the last five, newest first, without duplicates', () => {
    const address = (n: number) => ({
      kind: 'address' as const,
      name: `顾客${n}`,
      phone: '13800138000',
      district: '渝中区' as const,
      detail: `${n}号`,
    });
    for (let n = 1; n <= 6; n++) saveAddress(address(n));
    saveAddress(address(4));
    expect(savedAddresses().map((a) => a.name)).toEqual(['顾客4', '顾客6', '顾客5', '顾客3', '顾客2']);
    expect(removeAddress(0).map((a) => a.name)).toEqual(['顾客6', '顾客5', '顾客3', '顾客2']);
  });
});

describe('session', () => {
  it('remembers the sharer for a day', () => {
    rememberSharer('k3j9x0qa', 1_000);
    expect(sharer(1_000 + 23 * 3_600_000)).toBe('k3j9x0qa');
    expect(sharer(1_000 + 24 * 3_600_000)).toBeUndefined();
    rememberSharer(undefined, 5_000);
    expect(sharer(5_000)).toBe('k3j9x0qa');
  });
});

describe('payment in the cloud', () => {
  beforeEach(() => initCloud({ mode: 'cloud', env: 'prod-1' }));

  it('asks for the group result and shipping messages, keeping those accepted', async () => {
    const requestSubscribeMessage = vi.fn(async () => ({
      [SUBSCRIBE_TEMPLATES.groupResult]: 'accept',
      [SUBSCRIBE_TEMPLATES.orderShipped]: 'reject',
    }));
    stubWx({ requestSubscribeMessage });
    expect(await askForMessages()).toEqual([SUBSCRIBE_TEMPLATES.groupResult]);
    expect(requestSubscribeMessage).toHaveBeenCalledWith({
      tmplIds: [SUBSCRIBE_TEMPLATES.groupResult, SUBSCRIBE_TEMPLATES.orderShipped],
    });
    stubWx({ requestSubscribeMessage: async () => Promise.reject({ errMsg: 'requestSubscribeMessage:fail' }) });
    expect(await askForMessages()).toEqual([]);
  });

  it('pays with the params given, and tells a cancel from a failure', async () => {
    const requestPayment = vi.fn(async () => ({ errMsg: 'requestPayment:ok' }));
    stubWx({ requestPayment });
    expect(await pay('O1', params)).toBe('paid');
    expect(requestPayment).toHaveBeenCalledWith(params);
    stubWx({ requestPayment: async () => Promise.reject({ errMsg: 'requestPayment:fail cancel' }) });
    expect(await pay('O1', params)).toBe('cancelled');
    stubWx({ requestPayment: async () => Promise.reject({ errMsg: 'requestPayment:fail (-1)' }) });
    expect(await pay('O1', params)).toBe('failed');
  });
});

describe('确认收款 in the cloud', () => {
  beforeEach(() => initCloud({ mode: 'cloud', env: 'prod-1' }));
  const confirmation = { mchId: '1900000109', appId: 'wx-app', packageInfo: 'affffddafdfafddffda==' };

  it('opens WeChat’s confirmation page with the bill’s package, and tells a cancel from a failure', async () => {
    type Options = { success: () => void; fail: (e: { errMsg: string }) => void };
    const answering = (errMsg?: string) =>
      vi.fn((options: Options) => (errMsg ? options.fail({ errMsg }) : options.success()));
    const requestMerchantTransfer = answering();
    stubWx({ requestMerchantTransfer });
    expect(await confirmTransfer(confirmation)).toBe('confirmed');
    expect(requestMerchantTransfer).toHaveBeenCalledWith(
      expect.objectContaining({ mchId: '1900000109', appId: 'wx-app', package: 'affffddafdfafddffda==' }),
    );
    stubWx({ requestMerchantTransfer: answering('requestMerchantTransfer:fail cancel') });
    expect(await confirmTransfer(confirmation)).toBe('cancelled');
    stubWx({ requestMerchantTransfer: answering('requestMerchantTransfer:fail system error') });
    expect(await confirmTransfer(confirmation)).toBe('failed');
  });
});

describe('live group progress', () => {
  it('polls against the emulator until stopped', () => {
    vi.useFakeTimers();
    initCloud({ mode: 'local', gatewayUrl: 'http://127.0.0.1:1', openid: 'o1' });
    const onChange = vi.fn();
    const stop = watchGroup('G1', onChange);
    vi.advanceTimersByTime(POLL_INTERVAL_MS * 2);
    expect(onChange).toHaveBeenCalledTimes(2);
    stop();
    vi.advanceTimersByTime(POLL_INTERVAL_MS * 2);
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  it('watches the group document in the cloud, skipping its first snapshot, and polls if the channel breaks', () => {
    vi.useFakeTimers();
    let listeners: { onChange: () => void; onError: () => void } | undefined;
    const close = vi.fn(async () => undefined);
    const doc = vi.fn(() => ({ watch: (l: typeof listeners) => ((listeners = l), { close }) }));
    stubWx({ cloud: { init: vi.fn(), database: () => ({ collection: () => ({ doc }) }) } });
    initCloud({ mode: 'cloud' });
    const onChange = vi.fn();
    const stop = watchGroup('G1', onChange);
    expect(doc).toHaveBeenCalledWith('G1');
    listeners?.onChange();
    expect(onChange).not.toHaveBeenCalled();
    listeners?.onChange();
    expect(onChange).toHaveBeenCalledTimes(1);
    listeners?.onError();
    vi.advanceTimersByTime(POLL_INTERVAL_MS);
    expect(onChange).toHaveBeenCalledTimes(2);
    stop();
    expect(close).toHaveBeenCalled();
    vi.advanceTimersByTime(POLL_INTERVAL_MS * 3);
    expect(onChange).toHaveBeenCalledTimes(2);
  });
});

describe('after-sales photo uploads', () => {
  const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47]).buffer;
  const readFile = (options: { success: (res: { data: ArrayBuffer }) => void }) => options.success({ data: bytes });

  it('names a photo with letters, digits and its image extension', () => {
    expect(photoName('wxfile://tmp_ab.PNG', 36 ** 3, () => 0)).toBe('1000-00000000.png');
    expect(photoName('http://tmp/x.heic', 1, () => 0.5)).toMatch(/^1-[0-9a-z]{8}\.jpg$/);
    expect(photoName('no-extension')).toMatch(/^[A-Za-z0-9_-]{1,100}\.jpg$/);
  });

  it('uploads with wx.cloud.uploadFile into the shopper’s own folder in the cloud', async () => {
    const uploadFile = vi.fn(async () => ({ fileID: 'cloud://prod-1.bucket/after-sales/o1/a.jpg' }));
    stubWx({ cloud: { init: vi.fn(), uploadFile } });
    initCloud({ mode: 'cloud', env: 'prod-1' });
    expect(await uploadAfterSalePhoto('wxfile://tmp/a.jpg', 'o1', 'a.jpg')).toBe(
      'cloud://prod-1.bucket/after-sales/o1/a.jpg',
    );
    expect(uploadFile).toHaveBeenCalledWith({ cloudPath: 'after-sales/o1/a.jpg', filePath: 'wxfile://tmp/a.jpg' });
  });

  it('asks the emulator’s storage for an upload and PUTs the bytes there in local mode', async () => {
    const calls: WechatMiniprogram.RequestOption[] = [];
    const request = (options: WechatMiniprogram.RequestOption) => {
      calls.push(options);
      options.success?.(
        (options.method === 'POST'
          ? {
              statusCode: 200,
              data: { data: { url: 'http://127.0.0.1:1/_storage/b/x', authorization: 'sig', fileId: 'cloud://e.b/x' } },
            }
          : { statusCode: 200, data: '' }) as never,
      );
    };
    stubWx({ request, getFileSystemManager: () => ({ readFile }) });
    initCloud({ mode: 'local', gatewayUrl: 'http://127.0.0.1:1', openid: 'o1' });
    expect(await uploadAfterSalePhoto('http://tmp/a.png', 'o1', 'a.png')).toBe('cloud://e.b/x');
    expect(calls[0]).toMatchObject({
      url: 'http://127.0.0.1:1/admin',
      data: { action: 'storage.getUploadMetadata', path: 'after-sales/o1/a.png', method: 'put' },
    });
    expect(calls[1]).toMatchObject({ url: 'http://127.0.0.1:1/_storage/b/x', method: 'PUT', data: bytes });
    expect(calls[1]?.header).toMatchObject({ authorization: 'sig' });
  });

  it('rejects when storage refuses, so the page can say the photo did not upload', async () => {
    const refusing = (options: WechatMiniprogram.RequestOption) =>
      options.success?.({ statusCode: 200, data: { code: 'INVALID_PARAM', message: 'not an image' } } as never);
    stubWx({ request: refusing, getFileSystemManager: () => ({ readFile }) });
    initCloud({ mode: 'local', gatewayUrl: 'http://127.0.0.1:1', openid: 'o1' });
    await expect(uploadAfterSalePhoto('http://tmp/a.txt', 'o1')).rejects.toThrow('not an image');
    const forbidden = (options: WechatMiniprogram.RequestOption) =>
      options.success?.(
        (options.method === 'PUT'
          ? { statusCode: 403, data: '' }
          : { statusCode: 200, data: { data: { url: 'u', authorization: 'a', fileId: 'f' } } }) as never,
      );
    stubWx({ request: forbidden, getFileSystemManager: () => ({ readFile }) });
    await expect(uploadAfterSalePhoto('http://tmp/a.png', 'o1')).rejects.toThrow('storage answered 403');
  });
});
