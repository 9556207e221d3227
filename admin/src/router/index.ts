import { watch } from 'vue';
import { createRouter, createWebHistory, type Router } from 'vue-router';

import { callAdmin } from '../api';
import { session } from '../session';
import { decide } from './guard';
import { ROUTE_NAMES, routes } from './routes';

export { ROUTE_NAMES } from './routes';

export const APP_TITLE = '山城拼团管理后台';

export function createConsoleRouter(): Router {
  const router = createRouter({ history: createWebHistory(import.meta.env.BASE_URL), routes });

  // Once per page load, ask the server who a stored session belongs to: a role changed or an account
  // disabled since the last visit shows at once. A 401 signs out (api/client.ts); a network failure keeps
  // the stored staff member, and the pages show the failure themselves. A session signed in on this page
  // load is fresh already.
  let verified = false;
  router.beforeEach(async (to) => {
    if (!verified && !to.meta.public && session.current.value) {
      verified = true;
      const me = await callAdmin('staffMe', {});
      if (me.ok) session.updateStaff(me.data.staff);
    }
    return decide(to, session.current.value?.staff ?? null);
  });

  router.afterEach((to) => {
    document.title = to.meta.title ? `${to.meta.title} · ${APP_TITLE}` : APP_TITLE;
  });

  // When the session ends or the server asks for a new password while a page is open, leave the page:
  // after an expiry (a notice says why) come back here after signing in again; after 退出登录, start afresh.
  watch(
    session.current,
    (current, previous) => {
      if (current && !previous) verified = true;
      const route = router.currentRoute.value;
      if (!route.matched.length || route.meta.public) return;
      if (!current && !session.notice.value) {
        void router.replace({ name: ROUTE_NAMES.login });
        return;
      }
      const next = decide(route, current?.staff ?? null);
      if (next !== true) void router.replace(next);
    },
    { flush: 'sync' },
  );

  return router;
}
