import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import { type ZodType, z } from 'zod';
import type { Locale } from '../../../shared/enums.js';

/** Validates with zod and keeps each issue's input, so the message can be rendered in the caller's language. */
export const zodValidatorCompiler: FastifySchemaCompiler<ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    const validation = result.error.issues.map(({ path, code, message, ...params }) => ({
      keyword: code,
      instancePath: `/${path.map(String).join('/')}`,
      schemaPath: `#/${code}`,
      message,
      params,
    }));
    return { error: Object.assign(new Error('validation failed'), { validation }) };
  };

export interface FieldError {
  path: string;
  code: string;
  message: string;
}

const localeErrors = { en: z.locales.en().localeError, 'zh-CN': z.locales.zhCN().localeError };

type RawIssue = Parameters<ReturnType<typeof z.locales.en>['localeError']>[0];

/** Turns a Fastify/zod validation error into `details` entries in the request's language. */
export function fieldErrors(error: unknown, locale: Locale, part?: string): FieldError[] | null {
  const validation = (error as { validation?: unknown }).validation;
  if (!Array.isArray(validation)) return null;
  return (validation as FastifySchemaValidationError[]).map((v) => {
    const params = (v.params ?? {}) as Record<string, unknown>;
    const path = v.instancePath.replace(/^\//, '').split('/').filter(Boolean);
    const issue = { ...params, code: v.keyword, path } as unknown as RawIssue;
    const localized = localeErrors[locale](issue);
    const message = typeof localized === 'string' ? localized : (localized?.message ?? v.message ?? '');
    return { path: [part, ...path].filter(Boolean).join('.'), code: v.keyword, message };
  });
}
