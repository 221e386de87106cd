import { Readable } from "node:stream";
import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";
import { downloadChunks } from "../downloads.js";
import { noteAudit } from "../audit.js";

// Streamed: the first page is read before the reply starts (so a bad filter or an unknown
// connection is an ordinary JSON error), the rest page by page as the client takes it.
export default defineRoute(routes.download, async ({ org, principal, params, query, req, reply, deps }) => {
  const chunks = await downloadChunks(deps.store, org.id, params.list, query);
  const type = query.format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
  reply.type(type);
  reply.header("content-disposition", `attachment; filename="idc-sync-${params.list}.${query.format}"`);
  reply.header("cache-control", "no-store");
  noteAudit(req, principal, "export.downloaded", query.connectionId ?? null, {
    list: params.list,
    format: query.format,
  });
  return Readable.from(chunks, { objectMode: false });
});
