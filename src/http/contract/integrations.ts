// Contract schemas: integrations and the Integration Capabilities table.
import { z } from "zod";
import { idParam, problemSchema } from "./common.js";
import { connectionSchema } from "./connections.js";
import { findingCountsSchema } from "./findings.js";

// ---------------------------------------------------------------- integrations and capabilities

export const integrationSchema = z
  .object({
    key: z.literal("aws-identity-center"),
    name: z.string(),
    description: z.string(),
    /** not_connected when there is no connection; else the worst state among the connections. */
    state: z.enum(["not_connected", "pending", "syncing", "connected", "error"]),
    connections: z.array(connectionSchema),
    /** Findings of all its connections together. */
    findings: findingCountsSchema,
  })
  .meta({ id: "Integration" });
export type Integration = z.infer<typeof integrationSchema>;
export const integrationListResponse = z.object({ items: z.array(integrationSchema) });
export type IntegrationListResponse = z.infer<typeof integrationListResponse>;

export const capabilitySchema = z
  .object({
    /** Stable key, e.g. "userName", "permissionSetTags". */
    key: z.string(),
    name: z.string(),
    /** What idc-sync reads for this item. */
    description: z.string(),
    /** The item is synced and current (for every connection asked about). */
    available: z.boolean(),
    /** The IAM action whose absence makes it unavailable, where that is the cause. */
    missingAction: z.string().nullable(),
    /** Why it is unavailable, or what to know about it; null when there is nothing to say. */
    note: z.string().nullable(),
    /**
     * What it gives now: available; partial (part of it is missing, e.g. account tags but not
     * names); stale (the latest sync failed: what the last successful one read); missing_permission;
     * not_synced (no successful sync yet); unavailable (for another reason).
     */
    state: z.enum(["available", "partial", "stale", "missing_permission", "not_synced", "unavailable"]),
  })
  .meta({ id: "Capability" });
export type Capability = z.infer<typeof capabilitySchema>;
export const capabilitiesQuery = z.strictObject({
  /** One connection's capabilities; without it, the integration's connections together. */
  connectionId: idParam.optional(),
});
export const capabilitiesResponse = z.object({
  /** The connection asked about; null for all the integration's connections. */
  connectionId: z.string().nullable(),
  items: z.array(capabilitySchema),
  /** Why the latest sync failed, said once for the whole table (not on every row); null when none failed. */
  problem: problemSchema.nullable().optional(),
});
export type CapabilitiesResponse = z.infer<typeof capabilitiesResponse>;
export const integrationParams = z.strictObject({ integration: z.literal("aws-identity-center") });
