import type { Module } from '../../module.js';
import { widgetRoutes } from './widget.routes.js';

/** The embeddable widget (script, settings, CORS origins); its submissions use intake's public API. */
export const widgetModule: Module = {
  name: 'widget',
  routes: widgetRoutes,
  prefix: '',
};
