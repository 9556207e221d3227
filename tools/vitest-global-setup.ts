/**
 * Before any test: bundle the cloud functions (the platform tests run the bundles as deployed) and run the
 * mini-program npm build (the package-size test measures what the pages reach in miniprogram_npm/). Both are
 * skipped while nothing they read or wrote changed since they last ran (tools/build-stamp.ts).
 */
import { buildCloudFunctions } from './build-cloudfunctions';
import { buildMiniprogramNpm } from './build-miniprogram-npm';

export default async function setup(): Promise<void> {
  await buildCloudFunctions(undefined, { reuse: true });
  await buildMiniprogramNpm(undefined, { reuse: true });
}
