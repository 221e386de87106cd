import { Readable } from "node:stream";
import { exportJsonChunks } from "../../domain/export-format.js";
import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";
import { noteAudit } from "../audit.js";

// Streamed in pieces of 1,000 array elements: a million access rows are ~300 MB of JSON, near
// V8's largest string, and would sit in memory twice (string and buffer) if sent as one body.
export default defineRoute(routes.exportConnection, async ({ org, principal, params, req, reply, deps }) => {
  const data = await deps.store.exportConnection(org.id, params.connectionId);
  reply.type("application/json; charset=utf-8");
  noteAudit(req, principal, "export.downloaded", params.connectionId, { format: "json" });
  return Readable.from(exportJsonChunks(data), { objectMode: false });
});
