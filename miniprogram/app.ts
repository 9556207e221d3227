import { CLOUD } from './config';
import { initCloud } from './services/cloud';

App<IAppOption>({
  globalData: {},
  onLaunch() {
    initCloud(CLOUD);
  },
});
