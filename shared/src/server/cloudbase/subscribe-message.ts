/** Sending one subscription message through `cloud.openapi.subscribeMessage.send`. */
import { wxCloud } from './db';

export type SendOutcome = 'sent' | 'no_credit' | 'failed';

/** WeChat's answer when the user has no (more) one-time permission for the template. */
const NO_CREDIT = 43101;

export interface SubscribeMessage {
  readonly touser: string;
  readonly templateId: string;
  readonly page: string;
  readonly data: Readonly<Record<string, { value: string }>>;
}

export async function sendSubscribeMessage(
  message: SubscribeMessage,
): Promise<{ outcome: SendOutcome; detail?: string }> {
  const openapi = wxCloud().openapi as { subscribeMessage: { send(params: object): Promise<{ errCode: number }> } };
  try {
    await openapi.subscribeMessage.send({ ...message, miniprogramState: process.env.MINIPROGRAM_STATE ?? 'formal' });
    return { outcome: 'sent' };
  } catch (error) {
    const code = (error as { errCode?: number }).errCode;
    const detail = (error as { errMsg?: string }).errMsg ?? String(error);
    return { outcome: code === NO_CREDIT ? 'no_credit' : 'failed', detail };
  }
}
