/**
 * The side menu: the console routes marked `meta.menu` that the signed-in role may open, in their
 * order. The same `meta.roles` the router guard checks decide what shows, so a page never appears in the
 * menu of someone the guard would turn away.
 */
import type { StaffRole } from '@shared/admin-client';
import type { Component } from 'vue';
import type { RouteRecordRaw } from 'vue-router';

export interface MenuEntry {
  /** The route name, used as the menu item's value and for navigation. */
  readonly name: string;
  readonly title: string;
  readonly icon: Component;
}

export function menuFor(role: StaffRole, routes: readonly RouteRecordRaw[]): MenuEntry[] {
  return routes
    .flatMap((route) => {
      const { meta, name } = route;
      if (!meta?.menu || typeof name !== 'string') return [];
      if (meta.roles && !meta.roles.includes(role)) return [];
      return [{ name, title: meta.title, icon: meta.menu.icon, order: meta.menu.order }];
    })
    .sort((a, b) => a.order - b.order)
    .map(({ name, title, icon }) => ({ name, title, icon }));
}
