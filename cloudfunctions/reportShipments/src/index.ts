import { reportShipmentsContract } from '@shared/contracts/report-shipments.contract';
import { reportShipments } from '@shared/server/jobs/report-shipments';
import { recordJobRun } from '@shared/server/jobs/job-runs';
import { defineTrigger } from '@shared/server/runtime';

export const main = defineTrigger(reportShipmentsContract, reportShipments, recordJobRun);
