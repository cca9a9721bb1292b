import { z } from 'zod';

export const WIDGET_POSITIONS = ['right', 'left'] as const;
export const WIDGET_LANGUAGES = ['auto', 'zh-CN', 'en'] as const;

/** A web origin as browsers send it: scheme, host and optional port; nothing else. */
export const ZWebOrigin = z
  .string()
  .trim()
  .max(255)
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
      } catch {
        return false;
      }
    },
    { message: 'must be an origin like https://shop.example.com (scheme, host, optional port; no path)' },
  );

export const ZWidgetSettings = z.object({
  allowedOrigins: z.array(z.string()).describe('Pages on these origins may embed the widget (CORS)'),
  environmentOrigins: z
    .array(z.string())
    .describe('Origins allowed by WIDGET_ALLOWED_ORIGINS (read-only here; always allowed)'),
  primaryColor: z.string(),
  language: z.enum(WIDGET_LANGUAGES),
  position: z.enum(WIDGET_POSITIONS),
  updatedAt: z.string().nullable(),
  snippet: z.string().describe('The <script> tag to paste into a page'),
});
export type WidgetSettings = z.infer<typeof ZWidgetSettings>;

export const ZWidgetSettingsResponse = z.object({ data: ZWidgetSettings });

export const ZUpdateWidgetSettings = z
  .object({
    allowedOrigins: z.array(ZWebOrigin).max(50).optional(),
    primaryColor: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f6feb')
      .optional(),
    language: z.enum(WIDGET_LANGUAGES).optional(),
    position: z.enum(WIDGET_POSITIONS).optional(),
  })
  .strict();
export type UpdateWidgetSettings = z.infer<typeof ZUpdateWidgetSettings>;

/** What the widget script reads at start (public). */
export const ZPublicWidgetConfigResponse = z.object({
  data: z.object({
    primaryColor: z.string(),
    language: z.enum(WIDGET_LANGUAGES),
    position: z.enum(WIDGET_POSITIONS),
    captchaRequired: z.boolean(),
  }),
});
