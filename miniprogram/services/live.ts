/**
 * Live progress of a group without pull-to-refresh. In the cloud a realtime database watch on the group
 * document says when it changed; against the emulator (no realtime channel) the page polls. Either way
 * the page reloads through `getGroup`, so what it shows always comes from the function, masked.
 * Production needs the `groups` collection readable by all users for the watch (see docs/miniprogram.md).
 */
import { currentCloud } from './cloud';

export const POLL_INTERVAL_MS = 3000;

/** Calls `onChange` whenever the group may have changed; returns the function that stops watching. */
export function watchGroup(groupId: string, onChange: () => void): () => void {
  if (currentCloud().mode === 'local') return poll(onChange);
  let stopPolling: (() => void) | undefined;
  let first = true;
  const watcher = wx.cloud
    .database()
    .collection('groups')
    .doc(groupId)
    .watch({
      onChange: () => {
        if (first)
          first = false; // the watch's first snapshot is the state the page just loaded
        else onChange();
      },
      onError: () => {
        stopPolling ??= poll(onChange); // a broken channel falls back to polling
      },
    });
  return () => {
    void watcher.close();
    stopPolling?.();
  };
}

function poll(onChange: () => void): () => void {
  const timer = setInterval(onChange, POLL_INTERVAL_MS);
  return () => clearInterval(timer);
}
