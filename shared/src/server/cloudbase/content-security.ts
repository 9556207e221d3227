/**
 * Content security (`cloud.openapi.security.msgSecCheck`, v2): text a shopper writes that others will see
 * is checked before it is stored. The calling function's config.json must list `security.msgSecCheck`.
 */
import { DomainError } from '../../kernel/errors';
import { wxCloud } from './db';

/** msgSecCheck v2 scenes: 1 资料 (profile), 2 评论, 3 论坛, 4 社交日志. */
export const SEC_SCENE_PROFILE = 1;

/** WeChat's v1 answer for risky content (v2 answers 0 with `result.suggest`). */
const RISKY_CONTENT = 87014;

interface MsgSecCheckReply {
  readonly result?: { readonly suggest?: string; readonly label?: number };
}

type SecurityApi = { security: { msgSecCheck(params: object): Promise<MsgSecCheckReply> } };

/**
 * Whether WeChat judges the text risky (`suggest: 'risky'`). `review` (uncertain) passes: a nickname is
 * short and masked wherever others see it. When the check itself cannot be made, nothing is stored:
 * `UNAVAILABLE`, so the shopper retries.
 */
export async function isTextRisky(content: string, openid: string, scene = SEC_SCENE_PROFILE): Promise<boolean> {
  const openapi = wxCloud().openapi as unknown as SecurityApi;
  try {
    const reply = await openapi.security.msgSecCheck({ content, version: 2, scene, openid });
    return reply.result?.suggest === 'risky';
  } catch (error) {
    const code = (error as { errCode?: number }).errCode;
    if (code === RISKY_CONTENT) return true;
    throw new DomainError('UNAVAILABLE', `msgSecCheck failed: ${code ?? String(error)}`);
  }
}
