import { describe, expect, it } from 'vitest';
import { addressesView, chooseAddressFailure } from './view';

describe('收货地址', () => {
  it('lists names, masked phones and where', () => {
    expect(
      addressesView([
        { kind: 'address', name: '张三', phone: '13912345678', district: '渝北区', detail: '龙湖新壹城2栋' },
      ]),
    ).toEqual({ state: 'ready', rows: [{ name: '张三', phone: '139****5678', line: '渝北区 龙湖新壹城2栋' }] });
    expect(addressesView([])).toEqual({ state: 'empty', rows: [] });
  });

  it('stays quiet when the address book is closed, and says why otherwise', () => {
    expect(chooseAddressFailure('chooseAddress:fail cancel')).toBe('');
    expect(chooseAddressFailure('chooseAddress:fail auth deny')).toBe('请在设置里允许使用通讯地址');
    expect(chooseAddressFailure('chooseAddress:fail system error')).toBe('暂时打不开通讯地址，请稍后再试');
  });
});
