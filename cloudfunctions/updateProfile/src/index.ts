import { updateProfileContract } from '@shared/contracts/update-profile.contract';
import { updateProfile } from '@shared/server/account/update-profile';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(updateProfileContract, updateProfile);
