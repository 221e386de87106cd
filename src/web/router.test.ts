import { describe, expect, it } from "vitest";
import { href, match, parseUrl } from "./router.js";

describe("router", () => {
  it("splits the hash into path and query", () => {
    const l = parseUrl("/users?status=DISABLED&q=al%20ice");
    expect(l.path).toBe("/users");
    expect(l.query.get("status")).toBe("DISABLED");
    expect(l.query.get("q")).toBe("al ice");
    expect(parseUrl("").path).toBe("/");
    expect(parseUrl("#users").path).toBe("/users");
    expect(parseUrl("#/users?q=x").query.get("q")).toBe("x");
  });

  it("builds hrefs without empty values", () => {
    expect(href("/users", { status: "ENABLED", q: "", cursor: undefined })).toBe("/users?status=ENABLED");
    expect(href("/access")).toBe("/access");
  });

  it("matches parameters and decodes them", () => {
    expect(match("/users/:connectionId/:userId", "/users/c%2F1/u-1")).toEqual({
      connectionId: "c/1",
      userId: "u-1",
    });
    expect(match("/users/:connectionId/:userId", "/users/c1")).toBeNull();
    expect(match("/integrations/:key", "/users/x")).toBeNull();
  });
});
