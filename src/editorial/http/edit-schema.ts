/** Request bodies of PATCH and DELETE /api/headlines/:id, validated like publishing. */
import { z } from 'zod';
import { httpUrl, prioritySchema, publishItemSchema } from '../../ingestion/publish/publish-schema.ts';

const fields = publishItemSchema.shape;

/** Any of the editable fields, at least one; `null` removes `summary` or `url`. Others are refused. */
export const headlinePatchSchema = z
  .strictObject({
    title: fields.title.optional(),
    summary: fields.summary.unwrap().nullable().optional(),
    url: httpUrl.nullable().optional(),
    topics: fields.topics,
    regions: fields.regions,
    priority: prioritySchema.optional(),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), 'give at least one of title, summary, url, topics, regions, priority');

export const retractBodySchema = z.strictObject({
  reason: z.string().trim().min(1, 'required').max(500),
});
