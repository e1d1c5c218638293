/** The access rule every platform shares. */
import { describe, expect, it } from "vitest";
import { FULL_ACCESS, PUBLIC_ACCESS } from "../../src/answer/types.js";
import { accessRules, decideAccess } from "../../src/chat/access.js";

describe("decideAccess", () => {
  const open = accessRules(["u-staff", 42], ["c-staff"], true);
  it("gives internal minutes to a listed user only in their own view, and to everyone in a listed chat", () => {
    expect(decideAccess(open, { userId: "u-staff", chatId: "c-1", ownView: true }).access).toBe(FULL_ACCESS);
    expect(decideAccess(open, { userId: "42", ownView: true }).access).toBe(FULL_ACCESS);
    expect(decideAccess(open, { userId: "u-staff", chatId: "c-group", ownView: false })).toMatchObject({ access: PUBLIC_ACCESS, internalUser: true });
    expect(decideAccess(open, { userId: "u-x", chatId: "c-staff", ownView: false }).access).toBe(FULL_ACCESS);
    expect(decideAccess(open, { userId: "u-x", chatId: "c-1", ownView: true })).toEqual({ refused: false, access: PUBLIC_ACCESS, internalUser: false });
  });

  it("with *_PUBLIC=false refuses everyone outside the lists", () => {
    const closed = accessRules(["u-staff"], ["c-staff"], false);
    expect(decideAccess(closed, { userId: "u-x", chatId: "c-1", ownView: true }).refused).toBe(true);
    expect(decideAccess(closed, { userId: "u-staff", chatId: "c-1", ownView: true }).refused).toBe(false);
    expect(decideAccess(closed, { userId: "u-x", chatId: "c-staff", ownView: false }).refused).toBe(false);
  });
});
