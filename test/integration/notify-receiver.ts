// A local webhook receiver on 127.0.0.1 for the notification tests: records every request and
// answers as the test scripts it (a status per request, or a dropped connection), and lets a test
// wait for the request it expects (an event, not a sleep).
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { EventEmitter } from "node:events";

export interface Received {
  headers: IncomingMessage["headers"];
  body: string;
  /** What the receiver answered (0: it dropped the connection). */
  answered: number;
}

export type Answer = number | "drop" | "hang" | { status: number; headers: Record<string, string> };

export class Receiver {
  readonly requests: Received[] = [];
  /** Answers for the next requests, in order; then `otherwise`. */
  script: Answer[] = [];
  otherwise: Answer = 204;
  private readonly events = new EventEmitter();
  private server: Server | null = null;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const answer = this.script.shift() ?? this.otherwise;
        const body = Buffer.concat(chunks).toString("utf8");
        if (answer === "drop" || answer === "hang") {
          this.record({ headers: req.headers, body, answered: 0 });
          if (answer === "drop") req.socket.destroy();
          return;
        }
        const status = typeof answer === "number" ? answer : answer.status;
        res.writeHead(status, typeof answer === "number" ? {} : answer.headers).end("ok");
        this.record({ headers: req.headers, body, answered: status });
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/hook`;
  }

  private record(r: Received): void {
    this.requests.push(r);
    this.events.emit("request", r);
  }

  /** Resolves once `done(requests)` holds (checked now and after every request); fails after `ms`. */
  waitFor(done: (requests: Received[]) => boolean, ms = 20_000): Promise<void> {
    if (done(this.requests)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.events.off("request", check);
        reject(
          new Error(
            `the receiver did not get what was expected within ${ms} ms (${this.requests.length} requests)`,
          ),
        );
      }, ms);
      const check = () => {
        if (!done(this.requests)) return;
        clearTimeout(timer);
        this.events.off("request", check);
        resolve();
      };
      this.events.on("request", check);
    });
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server === null ? resolve() : this.server.close(() => resolve()),
    );
  }
}
