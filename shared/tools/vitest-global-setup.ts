/** Before any test: bundle the cloud functions, since the platform tests run the bundles as deployed. */
import { buildCloudFunctions } from './build-cloudfunctions';

export default async function setup(): Promise<void> {
  await buildCloudFunctions();
}
