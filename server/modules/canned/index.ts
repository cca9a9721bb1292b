import type { Module } from '../module.js';
import { cannedRoutes } from './canned.routes.js';

export { createCanned } from './commands/manage-canned.js';
export { fillTemplate, placeholdersOf, renderTemplate, unknownVariables, variablesOf } from './template.js';

/** Canned responses (macros) with bilingual bodies and `{{variables}}`, rendered for an item's reply composer. */
export const cannedModule: Module = {
  name: 'canned',
  routes: cannedRoutes,
};
