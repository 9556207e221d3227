import { recordShareVisitContract } from '@shared/contracts/record-share-visit.contract';
import { recordShareVisit } from '@shared/server/groups/record-share-visit';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(recordShareVisitContract, recordShareVisit);
