// Shared pieces of the mutation API: the error type, revision bumps and deterministic ids.
import type { z } from "zod";
import type { SbWorld } from "./model.js";
import { Rng } from "./rng.js";
import { isoAfterBase } from "./generate-ids.js";

export type MutationErrorCode = "NOT_FOUND" | "CONFLICT" | "INVALID";

export class SandboxMutationError extends Error {
  override name = "SandboxMutationError";
  constructor(
    readonly code: MutationErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Optional fields that may also be given as undefined (what zod and JSON callers produce). */
export type Loose<T> = { [K in keyof T]?: T[K] | undefined };

export function defined<T extends object>(value: Loose<T>): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as Partial<T>;
}

/** Mutations happen "later" than anything generated: one minute per revision after 2026-01-01. */
export function mutationTime(revision: number): string {
  return isoAfterBase(731 + revision / 1440);
}

/** The time of the next mutation (the one that will bump the revision). */
export function nextMutationTime(world: SbWorld): string {
  return mutationTime(world.revision + 1);
}

/** Bumps the revision (the server rebuilds its indexes on change) and returns the new time. */
export function bump(world: SbWorld): string {
  world.revision += 1;
  return mutationTime(world.revision);
}

/** Ids depend only on the world's store, its revision and the operation: same mutations, same ids. */
export function mutationRng(world: SbWorld, op: string): Rng {
  return new Rng(`${world.instance.IdentityStoreId}|${world.revision}|${world.users.length}`, op);
}

export function notFound(what: string, id: string): SandboxMutationError {
  return new SandboxMutationError("NOT_FOUND", `no ${what} with id ${id}`);
}

/** Checks a built object against its AWS-shape schema; INVALID names the field. */
export function check<T>(schema: z.ZodType, value: T, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join(".") ?? "";
    throw new SandboxMutationError(
      "INVALID",
      `invalid ${what}: ${field || "(value)"}: ${issue?.message ?? "invalid"}`,
      {
        cause: parsed.error,
      },
    );
  }
  return value;
}

export function indexOrThrow<T>(
  items: readonly T[],
  match: (item: T) => boolean,
  what: string,
  id: string,
): number {
  const i = items.findIndex(match);
  if (i < 0) throw notFound(what, id);
  return i;
}
