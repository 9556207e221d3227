/**
 * 收货地址: the delivery addresses remembered on this phone (services/addresses.ts). 添加地址 picks one
 * from WeChat's address book; an address outside the districts we deliver to is refused with a toast.
 */
import { removeAddress, saveAddress, savedAddresses, toDelivery } from '../../../../services/addresses';
import { addressesView, chooseAddressFailure } from './view';

const toast = (title: string) => void wx.showToast({ title, icon: 'none' });

Page({
  data: addressesView([]),

  onShow() {
    this.setData(addressesView(savedAddresses()));
  },

  async onAddAddress() {
    let chosen: WechatMiniprogram.ChooseAddressSuccessCallbackResult;
    try {
      chosen = await wx.chooseAddress();
    } catch (error) {
      const failure = chooseAddressFailure((error as { errMsg?: string }).errMsg ?? '');
      if (failure) toast(failure);
      return;
    }
    const delivery = toDelivery(chosen);
    if ('error' in delivery) return toast(delivery.error);
    this.setData(addressesView(saveAddress(delivery)));
    toast('已添加');
  },

  async onRemoveAddress(event: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
    const { index } = event.currentTarget.dataset;
    const { confirm } = await wx.showModal({ title: '删除这个地址？', confirmText: '删除', confirmColor: '#e34d59' });
    if (confirm) this.setData(addressesView(removeAddress(index)));
  },
});
