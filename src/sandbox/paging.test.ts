import { describe, expect, it } from "vitest";
import { Pager } from "./paging.js";
import { AwsError } from "./protocol/errors.js";

describe("Pager", () => {
  const items = Array.from({ length: 7 }, (_, i) => i);

  it("walks a list in slices and ends without a token", () => {
    const pager = new Pager();
    const seen: number[][] = [];
    let token: string | undefined;
    do {
      const page = pager.page("identitystore", "ListUsers", "k", items, 3, token);
      seen.push(page.items);
      token = page.nextToken;
      if (token !== undefined) expect(token).toMatch(/^[-a-zA-Z0-9_]+$/);
    } while (token !== undefined);
    expect(seen).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
  });

  it("refuses tokens from another server, operation or list, and altered ones", () => {
    const pager = new Pager();
    const token = pager.encode("ListUsers", "k", { offset: 3, page: 1 });
    expect(pager.decode("identitystore", "ListUsers", "k", token)).toEqual({ offset: 3, page: 1 });
    const refuse = (p: Pager, op: string, key: string, t: string) => {
      try {
        p.decode("organizations", op, key, t);
      } catch (err) {
        return err as AwsError;
      }
      throw new Error("accepted");
    };
    for (const [p, op, key, t] of [
      [new Pager(), "ListUsers", "k", token],
      [pager, "ListGroups", "k", token],
      [pager, "ListUsers", "other", token],
      [pager, "ListUsers", "k", `A${token.slice(1)}` === token ? `B${token.slice(1)}` : `A${token.slice(1)}`],
      [pager, "ListUsers", "k", "short"],
    ] as const) {
      const err = refuse(p, op, key, t);
      expect(err).toBeInstanceOf(AwsError);
      expect(err.code).toBe("InvalidInputException");
      expect(err.fields.Reason).toBe("INVALID_NEXT_TOKEN");
    }
  });
});
