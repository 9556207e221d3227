import { createSessionStore } from './session';

export * from './session';

function browserStorage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

/** The console's one session. */
export const session = createSessionStore(browserStorage());
