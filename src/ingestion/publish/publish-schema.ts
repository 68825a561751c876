/** The publish API's request schema: one headline object or an array of 1..100. */
import { z } from 'zod';
import { suggestRegion, suggestTopic } from '../../channels/suggest.ts';
import { isRegion, isTopic } from '../../channels/vocabulary.ts';

export const MAX_ITEMS_PER_REQUEST = 100;

function unknownTag(kind: 'topic' | 'region', input: unknown, suggest: (value: string) => string | undefined): string {
  const value = typeof input === 'string' ? input.slice(0, 60) : '';
  const suggestion = suggest(value);
  return `unknown ${kind} "${value}"${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}; see GET /api/channels`;
}

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
  title: z.string({ error: 'required: the headline text' }).trim().min(1, 'required').max(2000),
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
  topics: z.array(z.string().refine(isTopic, { error: (issue) => unknownTag('topic', issue.input, suggestTopic) })).max(17).optional(),
  regions: z.array(z.string().refine(isRegion, { error: (issue) => unknownTag('region', issue.input, suggestRegion) })).max(50).optional(),
  priority: prioritySchema.optional(),
});

export type PublishItem = z.infer<typeof publishItemSchema>;

const publishArraySchema = z
  .array(publishItemSchema)
  .min(1, 'at least one headline')
  .max(MAX_ITEMS_PER_REQUEST, `at most ${MAX_ITEMS_PER_REQUEST} headlines per request; split the batch`);

/**
 * One headline object or an array of them, always answered as an array. The body's shape picks
 * the schema (rather than a union that tries both), so a single object's errors name its field
 * (`title`, `url`) exactly as an array's do (`0.title`), instead of a union's "Invalid input".
 */
export const publishBodySchema = z.unknown().transform((body, context): PublishItem[] => {
  if (typeof body !== 'object' || body === null) {
    context.addIssue({ code: 'custom', path: [], message: `the body must be one headline object or an array of up to ${MAX_ITEMS_PER_REQUEST}` });
    return z.NEVER;
  }
  const parsed = Array.isArray(body) ? publishArraySchema.safeParse(body) : publishItemSchema.safeParse(body);
  if (parsed.success) return Array.isArray(parsed.data) ? parsed.data : [parsed.data];
  for (const issue of parsed.error.issues) context.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  return z.NEVER;
});

/** Field errors as `[{ path: "0.title", message }]`, the `details` of a VALIDATION error. */
export function fieldErrors(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}
