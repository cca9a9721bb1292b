import type { Module } from '../../module.js';
import { registerImportJobs } from './import-job.js';
import { importsRoutes } from './imports.routes.js';

export {
  csvLine,
  IMPORT_FIELDS,
  type ImportField,
  parseMapping,
  REJECTION_REASONS,
  type Rejection,
  reasonText,
} from './fields.js';
export { detectFormat, type ImportFormat } from './readers.js';
export { type ImportCounts, type ImportProgress, runImport } from './run-import.js';

/** CSV / XLSX import: `closeloop import` and `POST /api/v1/imports` (background job with progress). */
export const importsModule: Module = {
  name: 'imports',
  routes: importsRoutes,
  registerJobs: registerImportJobs,
};
