import type { Module } from '../module.js';
import { analyticsRoutes } from './analytics.routes.js';

/** Read-only figures over the other modules' data: the console overview. */
export const analyticsModule: Module = {
  name: 'analytics',
  routes: analyticsRoutes,
};
