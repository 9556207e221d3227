/**
 * The shopper's delivery addresses: picked from WeChat's own address book (`wx.chooseAddress`, so there
 * is no address form to fill) and remembered on the phone, newest first, for the next checkout.
 */
import { type DeliveryRequest, DISTRICTS } from '@shared/client';

export type AddressDelivery = Extract<DeliveryRequest, { kind: 'address' }>;

const KEY = 'addresses';
const MAX_SAVED = 5;

export type ChosenAddress = Pick<
  WechatMiniprogram.ChooseAddressSuccessCallbackResult,
  'userName' | 'telNumber' | 'cityName' | 'countyName' | 'detailInfo'
>;

/** WeChat's address as an order's delivery, or a reason it cannot be one (outside the districts we serve). */
export function toDelivery(address: ChosenAddress): AddressDelivery | { error: string } {
  const district = DISTRICTS.find((d) => d === address.countyName);
  if (!district) return { error: `暂不支持配送到${address.cityName}${address.countyName}` };
  const phone = address.telNumber.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
  if (!/^1\d{10}$/.test(phone)) return { error: '请使用中国大陆手机号' };
  return { kind: 'address', name: address.userName.trim(), phone, district, detail: address.detailInfo.trim() };
}

export function savedAddresses(): AddressDelivery[] {
  const saved = wx.getStorageSync(KEY) as unknown;
  return Array.isArray(saved) ? (saved as AddressDelivery[]) : [];
}

/** Puts the address first, without duplicates, keeping the last few. */
export function saveAddress(address: AddressDelivery): AddressDelivery[] {
  const same = (a: AddressDelivery) =>
    a.name === address.name && a.phone === address.phone && a.detail === address.detail;
  const list = [address, ...savedAddresses().filter((a) => !same(a))].slice(0, MAX_SAVED);
  wx.setStorageSync(KEY, list);
  return list;
}

export function removeAddress(index: number): AddressDelivery[] {
  const list = savedAddresses().filter((_, i) => i !== index);
  wx.setStorageSync(KEY, list);
  return list;
}
