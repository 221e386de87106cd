// NextToken paging. A token is opaque to callers: base64url of "<op>\n<key hash>\n<offset>\n<page>"
// (the key names the list: a group id, an account and permission set, ...) followed by a 22-character HMAC (per-server secret), so a forged or altered token, or one
// replayed against another operation or list (key), is refused. Tokens do not carry the world's
// revision: paging goes on across mutations, by offset (as AWS, no snapshot isolation).
import { createHash, createHmac, randomBytes } from "node:crypto";
import { invalidNextToken, type ServiceName } from "./protocol/errors.js";

const MAC_LENGTH = 22; // 16 bytes in base64url, no padding

function keyHash(key: string): string {
  return createHash("sha256").update(key).digest("base64url").slice(0, 12);
}

export interface PageState {
  offset: number;
  /** How many pages came before this one (Organizations' empty pages key off it). */
  page: number;
}

export interface Page<T> {
  items: T[];
  nextToken: string | undefined;
}

export class Pager {
  private readonly secret: Buffer;

  constructor(secret: Buffer = randomBytes(32)) {
    this.secret = secret;
  }

  private mac(payload: string): string {
    return createHmac("sha256", this.secret).update(payload).digest("base64url").slice(0, MAC_LENGTH);
  }

  encode(op: string, key: string, state: PageState): string {
    const payload = Buffer.from(`${op}\n${keyHash(key)}\n${state.offset}\n${state.page}`).toString(
      "base64url",
    );
    return payload + this.mac(payload);
  }

  /** The state a token carries; throws the service's invalid-token error when it is not ours. */
  decode(service: ServiceName, op: string, key: string, token: string | undefined): PageState {
    if (token === undefined || token === "") return { offset: 0, page: 0 };
    const payload = token.slice(0, -MAC_LENGTH);
    if (payload.length === 0 || token.slice(-MAC_LENGTH) !== this.mac(payload))
      throw invalidNextToken(service);
    const parts = Buffer.from(payload, "base64url").toString().split("\n");
    const offset = Number(parts[2]);
    const page = Number(parts[3]);
    if (
      parts.length !== 4 ||
      parts[0] !== op ||
      parts[1] !== keyHash(key) ||
      !Number.isSafeInteger(offset) ||
      !Number.isSafeInteger(page)
    ) {
      throw invalidNextToken(service);
    }
    return { offset, page };
  }

  /** One page of `items` (a slice: no copy of the rest), with the token of the next page if any. */
  page<T>(
    service: ServiceName,
    op: string,
    key: string,
    items: readonly T[],
    maxResults: number,
    token: string | undefined,
  ): Page<T> {
    const state = this.decode(service, op, key, token);
    const end = Math.min(items.length, state.offset + maxResults);
    return {
      items: items.slice(state.offset, end),
      nextToken: end < items.length ? this.encode(op, key, { offset: end, page: state.page + 1 }) : undefined,
    };
  }
}
