import { initCloud } from './services/cloud';

App<IAppOption>({
  globalData: {},
  onLaunch() {
    initCloud();
  },
});
