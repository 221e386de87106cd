// Pieces shared by the API contract's schemas: errors, times, paging, states.
import { z } from "zod";

export const errorBodySchema = z
  .object({
    error: z.object({
      /** Stable: validation_error, unauthorized, not_found, conflict, access_denied, bad_request, internal. */
      code: z.string(),
      message: z.string(),
      /** The input field at fault (dotted path), for validation errors. */
      field: z.string().optional(),
      /** The IAM action that was denied, for access_denied. */
      action: z.string().optional(),
    }),
  })
  .meta({ id: "Error" });
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const isoTime = z
  .string()
  .meta({ description: "ISO-8601 time, UTC", example: "2026-11-30T12:00:00.000Z" });
export const nullableIsoTime = isoTime.nullable();

/** Opaque paging cursor: pass `nextCursor` of one page as `cursor` to get the next one. */
export const pageQuery = {
  cursor: z.string().min(1).max(2048).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
};
export const nextCursor = z.string().nullable().meta({ description: "null on the last page" });

export const userStatusSchema = z.enum(["ENABLED", "DISABLED", "DELETED"]);
export type ApiUserStatus = z.infer<typeof userStatusSchema>;

export const connectionStateSchema = z.enum(["pending", "syncing", "connected", "error"]);
export type ConnectionState = z.infer<typeof connectionStateSchema>;

export const problemSchema = z
  .object({
    code: z.string(),
    message: z.string(),
    /** The IAM action to add to the customer's policy, where a denial is the cause. */
    action: z.string().nullable(),
    /** A short human headline of `message` (shown first). */
    headline: z.string().optional(),
    /** AWS's own words behind the headline (shown on demand), the session name left out; null: none. */
    details: z.string().nullable().optional(),
  })
  .meta({ id: "Problem" });
export type Problem = z.infer<typeof problemSchema>;

export const idParam = z.string().min(1).max(200);
