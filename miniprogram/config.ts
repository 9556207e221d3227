/**
 * THE switch between production and the local emulator: the only setting to change.
 *
 * - `local` (the default here, so a fresh clone runs in WeChat devtools against `npm start`): calls go to
 *   the emulator's gateway as the developer's chosen openid. Devtools must not check request domains
 *   (project.config.json `urlCheck: false`); a phone cannot reach 127.0.0.1, use devtools' simulator.
 * - `cloud`: `wx.cloud.callFunction` in the given CloudBase environment; identity from WeChat.
 */
import type { CloudMode } from './services/cloud';

export const CLOUD: CloudMode = {
  mode: 'local',
  gatewayUrl: 'http://127.0.0.1:8787',
  openid: 'o-demo-shopper',
};
// export const CLOUD: CloudMode = { mode: 'cloud', env: 'shancheng-prod-0g1h2j3k' };
