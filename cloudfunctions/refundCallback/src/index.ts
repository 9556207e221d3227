import { defineCallback, handleRefund, refundNotificationSchema } from '@shared/server';

export const main = defineCallback('refundCallback', refundNotificationSchema, handleRefund);
