/**
 * Before any test: bundle the cloud functions (the platform tests run the bundles as deployed) and run the
 * mini-program npm build (the package-size test measures what the pages reach in miniprogram_npm/).
 */
import { buildCloudFunctions } from './build-cloudfunctions';
import { buildMiniprogramNpm } from './build-miniprogram-npm';

export default async function setup(): Promise<void> {
  await buildCloudFunctions();
  await buildMiniprogramNpm();
}
