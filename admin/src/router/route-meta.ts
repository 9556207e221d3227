/** The meta every route of the console may carry (vue-router reads it as `route.meta`). Types only. */
import type { AdminPage, StaffRole } from '@shared/admin-client';
import type { Component } from 'vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** The page's title: the browser tab and the menu. */
    title: string;
    /** Open to anyone (the login page, 404); otherwise a signed-in member of staff is required. */
    public?: boolean;
    /** The page's key in ADMIN_PAGES; its roles are the ones allowed (the route copies them into `roles`). */
    page?: AdminPage;
    /** The staff roles that may open the page; absent: any signed-in member of staff. */
    roles?: readonly StaffRole[];
    /** Shown in the side menu (with this icon). */
    menu?: { readonly icon: Component; readonly order: number };
  }
}
