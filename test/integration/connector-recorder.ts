// A recording HTTP proxy in front of the sandbox: the reader's SDK clients talk to it unchanged,
// and tests see every request's IAM action and input, to check that no call is repeated and that
// no unprovisioned (account, permission set) pair is ever queried.
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { canonical } from "./connector-expected.js";

export interface RecordedCall {
  /** IAM action, e.g. "sso:ListAccountAssignments" ("sts:AssumeRole" for STS). */
  action: string;
  /** The JSON input (for STS: the form fields). */
  input: Record<string, unknown>;
}

export interface Recorder {
  url: string;
  calls: RecordedCall[];
  close(): Promise<void>;
}

const PREFIXES: Record<string, string> = {
  AWSIdentityStore: "identitystore",
  SWBExternalService: "sso",
  AWSOrganizationsV20161128: "organizations",
};

function recorded(target: string | undefined, body: string): RecordedCall {
  if (target === undefined) {
    const form = Object.fromEntries(new URLSearchParams(body));
    return { action: `sts:${form.Action ?? "?"}`, input: form };
  }
  const [prefix = "", op = ""] = target.split(".");
  let input: Record<string, unknown>;
  try {
    input = JSON.parse(body) as Record<string, unknown>;
  } catch {
    input = { unparsed: body };
  }
  return { action: `${PREFIXES[prefix] ?? prefix}:${op}`, input };
}

export async function startRecorder(targetUrl: string): Promise<Recorder> {
  const target = new URL(targetUrl);
  const calls: RecordedCall[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const header = req.headers["x-amz-target"];
      calls.push(recorded(typeof header === "string" ? header : undefined, body.toString("utf8")));
      const upstream = request(
        {
          host: target.hostname,
          port: target.port,
          path: req.url,
          method: req.method,
          // Unchanged, Host included: it is signed (SigV4), and the sandbox checks signatures.
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on("error", () => res.writeHead(502).end());
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The calls sent more than once with the same action and input. */
export function repeatedCalls(calls: readonly RecordedCall[]): string[] {
  const seen = new Map<string, number>();
  for (const c of calls) {
    const key = `${c.action} ${canonical(c.input)}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen.entries()].filter(([, n]) => n > 1).map(([key, n]) => `${n}x ${key}`);
}
