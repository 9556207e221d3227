/** Sending one subscription message through `cloud.openapi.subscribeMessage.send`. */
import { wxCloud } from './db';

export interface SubscribeMessage {
  readonly touser: string;
  readonly templateId: string;
  readonly page: string;
  readonly data: Readonly<Record<string, { value: string }>>;
}

/** WeChat's answer: nothing when it was sent, else its errcode (when it gave one) and message. */
export interface SendAnswer {
  readonly errCode?: number;
  readonly detail?: string;
}

export async function sendSubscribeMessage(message: SubscribeMessage): Promise<SendAnswer> {
  const openapi = wxCloud().openapi as { subscribeMessage: { send(params: object): Promise<{ errCode: number }> } };
  try {
    await openapi.subscribeMessage.send({ ...message, miniprogramState: process.env.MINIPROGRAM_STATE ?? 'formal' });
    return {};
  } catch (error) {
    const errCode = (error as { errCode?: number }).errCode;
    const detail = (error as { errMsg?: string }).errMsg ?? String(error);
    return { errCode: errCode ?? -1, detail };
  }
}
