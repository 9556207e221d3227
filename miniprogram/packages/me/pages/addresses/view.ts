/** What 收货地址 shows: the addresses remembered on this phone, and why an address could not be added. */
import type { AddressDelivery } from '../../../../services/addresses';
import { maskPhone } from '../../../../utils/format';

export interface AddressRow {
  readonly name: string;
  /** Masked: `138****1234`. */
  readonly phone: string;
  readonly line: string;
}

export interface AddressesView {
  readonly state: 'empty' | 'ready';
  readonly rows: AddressRow[];
}

/** `13812341234` → `138****1234`. */

export function addressesView(addresses: readonly AddressDelivery[]): AddressesView {
  return {
    state: addresses.length > 0 ? 'ready' : 'empty',
    rows: addresses.map((a) => ({ name: a.name, phone: maskPhone(a.phone), line: `${a.district} ${a.detail}` })),
  };
}

/** The toast for a failed `wx.chooseAddress`, or '' when the shopper just closed the address book. */
export function chooseAddressFailure(errMsg: string): string {
  if (/cancel/.test(errMsg)) return '';
  if (/auth|deny|denied/.test(errMsg)) return '请在设置里允许使用通讯地址';
  return '暂时打不开通讯地址，请稍后再试';
}
