// The RoleSessionName sent with sts:AssumeRole. It shows in the assumed-role ARN and in the
// customer's CloudTrail, so it names idc-sync and the connection; STS allows 2-64 of [\w+=,.@-].

const PREFIX = "idc-sync-";
const MAX_LENGTH = 64;

/**
 * `idc-sync-<connection id>`, with characters STS does not accept replaced by "-" and the whole
 * cut to 64 characters. Deterministic: the same connection always gets the same session name.
 */
export function roleSessionName(connectionId: string): string {
  const sanitised = connectionId.trim().replace(/[^\w+=,.@-]/g, "-");
  const name = `${PREFIX}${sanitised === "" ? "connection" : sanitised}`;
  return name.slice(0, MAX_LENGTH);
}
