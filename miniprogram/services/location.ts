/**
 * The shopper's location for 附近的团, with WeChat's permission flow: ask once; when the shopper refused
 * before, the page offers a district picker and a way to the settings page instead of asking again.
 */
import type { Coordinates } from '@shared/client';

export type LocationAnswer =
  | { readonly kind: 'granted'; readonly location: Coordinates }
  | { readonly kind: 'denied' }
  | { readonly kind: 'failed'; readonly message: string };

/** `wx.getLocation` (GCJ-02, what WeChat maps use), without prompting again if it was refused. */
export async function locate(): Promise<LocationAnswer> {
  const settings = await wx.getSetting({});
  if (settings.authSetting['scope.userLocation'] === false) return { kind: 'denied' };
  try {
    const { latitude, longitude } = await wx.getLocation({ type: 'gcj02' });
    return { kind: 'granted', location: { latitude, longitude } };
  } catch (error) {
    const message = (error as { errMsg?: string }).errMsg ?? String(error);
    return /auth deny|auth denied|authorize/.test(message) ? { kind: 'denied' } : { kind: 'failed', message };
  }
}

/** Opens the settings page; true when the shopper allowed location there. */
export async function allowLocationInSettings(): Promise<boolean> {
  const { authSetting } = await wx.openSetting({});
  return authSetting['scope.userLocation'] === true;
}
