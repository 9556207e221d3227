import { callFunction } from '../../services/cloud';
import { homeView, loadingView } from './view';

Page({
  data: loadingView,
  async onLoad() {
    this.setData(homeView(await callFunction('ping', {})));
  },
});
