import { updateProfileContract } from '@shared/contracts/account.contracts';
import { defineFunction, updateProfile } from '@shared/server';

export const main = defineFunction(updateProfileContract, updateProfile);
