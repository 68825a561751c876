/** The publish API's request schema: one headline object or an array of 1..100. */
import { z } from 'zod';
import { isRegion, isTopic } from '../../channels/vocabulary.ts';

export const MAX_ITEMS_PER_REQUEST = 100;

export const httpUrl = z
  .string()
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false; // invalid URL: reported as a field error by the refinement message
    }
  }, 'must be an absolute http(s) URL');

export const prioritySchema = z.enum(['normal', 'breaking'], { error: 'must be "normal" or "breaking"' });

export const publishItemSchema = z.object({
  title: z.string().trim().min(1, 'required').max(2000),
  url: httpUrl.optional(),
  summary: z.string().max(10_000).optional(),
  publishedAt: z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time, e.g. 2024-06-14T16:59:00Z' }).optional(),
  source: z
    .object({
      id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and dashes'),
      name: z.string().trim().min(1).max(120),
    })
    .optional(),
  guid: z.string().trim().min(1).max(500).optional(),
  lang: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'a language tag such as "en" or "pt-BR"').optional(),
  topics: z.array(z.string().refine(isTopic, 'unknown topic (see GET /api/channels)')).max(17).optional(),
  regions: z.array(z.string().refine(isRegion, 'unknown region (see GET /api/channels)')).max(50).optional(),
  priority: prioritySchema.optional(),
});

export type PublishItem = z.infer<typeof publishItemSchema>;

export const publishBodySchema = z.union([
  publishItemSchema.transform((item) => [item]),
  z.array(publishItemSchema).min(1, 'at least one headline').max(MAX_ITEMS_PER_REQUEST, `at most ${MAX_ITEMS_PER_REQUEST} headlines per request`),
]);

/** Field errors as `[{ path: "0.title", message }]`, the `details` of a VALIDATION error. */
export function fieldErrors(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}
