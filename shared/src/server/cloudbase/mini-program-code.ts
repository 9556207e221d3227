/**
 * Mini-program codes (小程序码) through `cloud.openapi.wxacode.getUnlimited`: unlimited in number, the
 * page's parameters carried in a ≤ 32-character scene. The calling function's config.json must list
 * `wxacode.getUnlimited`.
 */
import { DomainError } from '../../kernel/errors';
import { wxCloud } from './db';

interface CodeReply {
  readonly buffer?: Uint8Array;
  readonly contentType?: string;
}

type WxacodeApi = { wxacode: { getUnlimited(params: object): Promise<CodeReply> } };

/**
 * Which version of the mini-program a code opens, from the same `MINIPROGRAM_STATE` subscription
 * messages use (`developer` / `trial` / `formal`): release unless told otherwise.
 */
function envVersion(state = process.env.MINIPROGRAM_STATE): 'develop' | 'trial' | 'release' {
  if (state === 'developer') return 'develop';
  if (state === 'trial') return 'trial';
  return 'release';
}

/**
 * The PNG code of `page?scene=...`. `checkPath: false` so a code can be made for a page not yet released.
 * A refusal from WeChat (bad scene, no permission, quota) is `UNAVAILABLE` to the shopper.
 */
export async function unlimitedCode(request: { readonly scene: string; readonly page: string }): Promise<Buffer> {
  const openapi = wxCloud().openapi as unknown as WxacodeApi;
  let reply: CodeReply;
  try {
    reply = await openapi.wxacode.getUnlimited({
      scene: request.scene,
      page: request.page,
      checkPath: false,
      envVersion: envVersion(),
    });
  } catch (error) {
    const code = (error as { errCode?: number }).errCode;
    throw new DomainError('UNAVAILABLE', `wxacode.getUnlimited failed: ${code ?? String(error)}`);
  }
  if (!reply.buffer || reply.buffer.length === 0)
    throw new DomainError('UNAVAILABLE', 'wxacode.getUnlimited: no image');
  return Buffer.from(reply.buffer);
}
