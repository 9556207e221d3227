/**
 * One record per message and recipient, keyed `<groupId, orderId or afterSaleId>|<entry>|<openid>`: claimed
 * before sending, so a message is sent at most once, and kept whatever happened (sent, no credit, failed) for
 * the record.
 */
import {
  NOTIFICATION_CLAIMED_STATUS,
  type NotificationEvent,
  type NotificationStatus,
} from '../../domain/notification';
import { COLLECTIONS } from '../cloudbase/collections';
import { db, getMany, isDuplicateKey, type Patch } from '../cloudbase/db';

/** A message about a group (to its leader or members), an order or an after-sales request (to its shopper). */
export type NotificationRecord = (
  | { readonly groupId: string; readonly orderId?: undefined; readonly afterSaleId?: undefined }
  | { readonly orderId: string; readonly groupId?: undefined; readonly afterSaleId?: undefined }
  | { readonly afterSaleId: string; readonly groupId?: undefined; readonly orderId?: undefined }
) & {
  readonly entryId: string;
  readonly event: string;
  readonly openid: string;
  readonly templateId: string;
  readonly createdAt: number;
};

const notifications = () => db().collection(COLLECTIONS.notifications);

export const notificationKey = (
  r: Pick<NotificationRecord, 'groupId' | 'orderId' | 'afterSaleId' | 'entryId' | 'openid'>,
) => `${r.groupId ?? r.orderId ?? r.afterSaleId}|${r.entryId}|${r.openid}`;

/** Claims the message; false when it was claimed before (never send it again). */
export async function claimNotification(record: NotificationRecord): Promise<boolean> {
  try {
    await notifications().add({
      data: { _id: notificationKey(record), ...record, status: NOTIFICATION_CLAIMED_STATUS },
    });
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

export async function settleNotification(key: string, patch: Patch): Promise<void> {
  await notifications().doc(key).update({ data: patch });
}

/** A message about a group, as recorded. */
export interface NotificationView {
  readonly groupId: string;
  readonly entryId: string;
  readonly event: NotificationEvent;
  readonly openid: string;
  readonly templateId: string;
  readonly createdAt: number;
  readonly status: NotificationStatus;
  readonly settledAt?: number;
}

/** The messages sent (or tried) about a group, newest first (index `groupId`). */
export async function listNotificationsOfGroup(groupId: string, limit: number): Promise<NotificationView[]> {
  const data = await getMany(notifications().where({ groupId }).orderBy('createdAt', 'desc').limit(limit));
  return data as NotificationView[];
}
