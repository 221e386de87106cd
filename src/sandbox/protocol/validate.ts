// Turns zod issues on an operation's input into AWS's validation messages
// ("1 validation error detected: Value 'x' at 'maxResults' failed to satisfy constraint: ...").
import type { z } from "zod";
import { validationError, type AwsError, type OrgInvalidReason, type ServiceName } from "./errors.js";

type Issue = z.core.$ZodIssue;

/** AWS names members in lowerCamelCase in these messages: MaxResults -> maxResults. */
function memberPath(path: readonly PropertyKey[]): string {
  return path
    .map((p) => (typeof p === "string" ? p.charAt(0).toLowerCase() + p.slice(1) : String(p)))
    .join(".");
}

function shown(input: unknown): string {
  if (input === undefined || input === null) return "null";
  const text = typeof input === "string" ? input : JSON.stringify(input);
  return `'${text.length > 100 ? `${text.slice(0, 100)}...` : text}'`;
}

/** "/^d-[0-9a-f]{10}$/" -> "d-[0-9a-f]{10}", as AWS quotes its model patterns. */
function awsPattern(pattern: string): string {
  return pattern.replace(/^\/\^?/, "").replace(/\$?\/[a-z]*$/, "");
}

function constraint(issue: Issue): { text: string; reason: OrgInvalidReason } {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined
        ? { text: "Member must not be null", reason: "INPUT_REQUIRED" }
        : { text: `Member must be of type ${issue.expected}`, reason: "INVALID_PATTERN" };
    case "too_big":
      return issue.origin === "number" || issue.origin === "int"
        ? {
            text: `Member must have value less than or equal to ${String(issue.maximum)}`,
            reason: "MAX_VALUE_EXCEEDED",
          }
        : {
            text: `Member must have length less than or equal to ${String(issue.maximum)}`,
            reason: "MAX_LENGTH_EXCEEDED",
          };
    case "too_small":
      return issue.origin === "number" || issue.origin === "int"
        ? {
            text: `Member must have value greater than or equal to ${String(issue.minimum)}`,
            reason: "MIN_VALUE_EXCEEDED",
          }
        : {
            text: `Member must have length greater than or equal to ${String(issue.minimum)}`,
            reason: "MIN_LENGTH_EXCEEDED",
          };
    case "invalid_format":
      return {
        text: `Member must satisfy regular expression pattern: ${awsPattern(issue.pattern ?? issue.format)}`,
        reason: "INVALID_PATTERN",
      };
    case "invalid_value":
      return {
        text: `Member must satisfy enum value set: [${issue.values.map(String).join(", ")}]`,
        reason: "INVALID_ENUM",
      };
    default:
      return { text: issue.message, reason: "INVALID_PATTERN" };
  }
}

/** Parses `body` with `schema`, or throws the service's validation error listing every problem. */
export function parseInput<S extends z.ZodType>(service: ServiceName, schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body, { reportInput: true });
  if (result.success) return result.data;
  throw issuesToError(service, result.error.issues);
}

export function issuesToError(service: ServiceName, issues: readonly Issue[]): AwsError {
  const parts = issues.map((issue) => {
    const c = constraint(issue);
    return {
      text: `Value ${shown(issue.input)} at '${memberPath(issue.path)}' failed to satisfy constraint: ${c.text}`,
      reason: c.reason,
    };
  });
  const count = parts.length;
  const message = `${count} validation error${count === 1 ? "" : "s"} detected: ${parts.map((p) => p.text).join("; ")}`;
  return validationError(service, message, parts[0]?.reason ?? "INVALID_PATTERN");
}
