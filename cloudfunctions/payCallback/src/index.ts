import { defineCallback, handlePayment, paymentNotificationSchema } from '@shared/server';

export const main = defineCallback('payCallback', paymentNotificationSchema, handlePayment);
