/**
 * A shopper's phone for tests that walk through the real pages against a running platform: `wx` is the
 * page-runner's stand-in, answering as an obliging shopper would (location as `allowsLocation` says, yes to every
 * question, one photo from the album, 陈老板's address in 渝中区 from WeChat's address book, a shop on 民族路 from
 * WeChat's map, and what the camera sees when `wx.scanCode` is asked: the QR code `aimAt` was given, or a closed camera), and each page opened
 * has answered its calls before the test reads it. The phone passes from shopper to shopper with `handTo`.
 */
import { vi } from 'vitest';
import { JIEFANGBEI } from '../../shared/src/server/testing/group-buy.fixtures';
import type { Platform } from '../../testing/platform';
import { initCloud } from '../services/cloud';
import { resetLogin } from '../services/session';
import { call, eventWith, fakeWx, type FakeWx, openPage, type PageInstance } from './page-runner';

/** Where the phone is: a couple of hundred metres from the fixtures' pickup point at 解放碑. */
const [longitude = 0, latitude = 0] = JIEFANGBEI.coordinates;
const NEAR_JIEFANGBEI = { longitude: longitude + 0.002, latitude };

/** A one-pixel PNG: what the shopper photographs for after-sales (storage checks an image by its bytes). */
const PHOTO = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
);

/** The place WeChat's map gives (`wx.chooseLocation`): a shop on 民族路, a few hundred metres from 解放碑. */
export const MAP_PLACE = {
  name: '民族路便利店',
  address: '重庆市渝中区民族路 1 号',
  latitude: 29.5592,
  longitude: 106.5801,
};

/** The address WeChat's address book gives (`wx.chooseAddress`). */
export const ADDRESS_BOOK_ENTRY = {
  userName: '陈老板',
  telNumber: '13812345678',
  provinceName: '重庆市',
  cityName: '重庆市',
  countyName: '渝中区',
  detailInfo: '解放碑 1 号',
};

export interface Phone extends FakeWx {
  /** The phone passes to another shopper: their openid, a fresh login and empty storage. */
  handTo(openid: string, options?: { allowsLocation?: boolean }): void;
  /** Opens a page and waits until its calls have answered. */
  open(url: string): Promise<PageInstance>;
  /** Calls a page's handler or lifecycle and waits until the calls it made have answered. */
  tap(page: PageInstance, handler: string, ...args: unknown[]): Promise<void>;
  /** Where the last tap navigated. */
  lastNavigation(): string;
  /** The next `wx.scanCode` reads a QR code holding `text` (as the camera would read another phone's screen). */
  aimAt(text: string): void;
  /** On the checkout page: pay (with the pickup point, if given) and wait for CloudPay's notification to land. */
  payAtCheckout(checkout: PageInstance, pickupPointId?: string): Promise<void>;
  /** Puts `wx` back as it was. */
  putDown(): void;
}

/** Installs the phone's `wx`; `platform()` is the platform its pages call (read when the phone is handed over). */
export function shopperPhone(platform: () => Platform): Phone {
  let locationAllowed = false;
  let inView: string | undefined;
  const phone = fakeWx({
    // WeChat answers the text a QR code holds; closing the camera is a failure (`scanCode:fail cancel`).
    scanCode: (options) => {
      const text = inView;
      inView = undefined;
      const qrAllowed = !Array.isArray(options.scanType) || options.scanType.includes('qrCode');
      return text !== undefined && qrAllowed
        ? Promise.resolve({ result: text, scanType: 'QR_CODE', charSet: 'utf-8', path: '', rawData: '' })
        : Promise.reject({ errMsg: 'scanCode:fail cancel' });
    },
    getSetting: () => Promise.resolve({ authSetting: { 'scope.userLocation': locationAllowed } }),
    getLocation: () => Promise.resolve(NEAR_JIEFANGBEI),
    showModal: () => Promise.resolve({ confirm: true, cancel: false }),
    chooseAddress: () => Promise.resolve(ADDRESS_BOOK_ENTRY),
    chooseLocation: () => Promise.resolve(MAP_PLACE),
    chooseMedia: () => Promise.resolve({ tempFiles: [{ tempFilePath: 'http://tmp/after-sale-photo.png' }] }),
    getFileSystemManager: () => ({
      readFile: (options: { success: (res: { data: ArrayBuffer }) => void }) =>
        options.success({ data: PHOTO.buffer.slice(PHOTO.byteOffset, PHOTO.byteOffset + PHOTO.byteLength) }),
    }),
  });
  const lastNavigation = () => phone.navigations[phone.navigations.length - 1] ?? '';
  const tap = async (page: PageInstance, handler: string, ...args: unknown[]) => {
    await call(page, handler, ...args);
    await phone.idle();
  };
  return {
    ...phone,
    handTo(openid, { allowsLocation = false } = {}) {
      initCloud({ mode: 'local', gatewayUrl: platform().emulator.url, openid });
      resetLogin();
      phone.clearStorage();
      locationAllowed = allowsLocation;
      inView = undefined;
    },
    async open(url) {
      const page = await openPage(url);
      await phone.idle();
      return page;
    },
    tap,
    lastNavigation,
    aimAt(text) {
      inView = text;
    },
    async payAtCheckout(checkout, pickupPointId) {
      if (pickupPointId) await tap(checkout, 'onPickupPoint', eventWith({ value: pickupPointId }));
      const { reason, pay } = checkout.data as { reason?: string; pay?: { disabled: boolean } };
      if (pay?.disabled !== false) throw new Error(`the checkout cannot pay: ${reason ?? checkout.data.state}`);
      await tap(checkout, 'onPay');
      await platform().settle();
    },
    putDown: () => vi.unstubAllGlobals(),
  };
}
