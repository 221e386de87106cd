// Generated Identity Store users: mixed status (some without the UserStatus field), names in
// several scripts with apostrophes, quotes and emoji, optional emails and external ids, and one
// user at the maximum lengths (UserName 128, DisplayName 1024 characters).
import type { SbUser } from "./model.js";
import type { ResolvedGenerateOptions } from "./generate-options.js";
import type { Rng } from "./rng.js";
import { createdUpdated, identityId } from "./generate-ids.js";
import {
  CJK_NAMES,
  EMOJI,
  LATIN_FAMILY,
  LATIN_GIVEN,
  NICKNAMES,
  OTHER_NAMES,
  TITLES,
  asciiSlug,
} from "./names.js";

export const MAX_USER_NAME_LENGTH = 128;
export const MAX_DISPLAY_NAME_LENGTH = 1024;
export const SCIM_ISSUER = "https://scim.example.com/idp";
export const EMAIL_DOMAIN = "example.com";

interface PersonName {
  given: string;
  family: string;
  display: string;
}

function personName(rng: Rng): PersonName {
  const style = rng.next();
  if (style < 0.8) {
    const given = rng.pick(LATIN_GIVEN);
    const family = rng.pick(LATIN_FAMILY);
    return { given, family, display: `${given} ${family}` };
  }
  if (style < 0.9) {
    const [family, given] = rng.pick(CJK_NAMES);
    return { given, family, display: `${family} ${given}` };
  }
  const [given, family] = rng.pick(OTHER_NAMES);
  return { given, family, display: `${given} ${family}` };
}

function decorate(rng: Rng, n: PersonName): string {
  const r = rng.next();
  if (r < 0.02) return `${n.given} "${rng.pick(NICKNAMES)}" ${n.family}`;
  if (r < 0.06) return `${n.display} ${rng.pick(EMOJI)}`;
  return n.display;
}

/** Unique per store, case-insensitively, as AWS requires of UserName. */
function uniqueName(taken: Map<string, number>, base: string): string {
  const key = base.toLowerCase();
  const seen = taken.get(key) ?? 0;
  taken.set(key, seen + 1);
  return seen === 0 ? base : `${base}${seen + 1}`;
}

function fill(pattern: string, length: number): string {
  const text = pattern.repeat(Math.ceil(length / pattern.length)).slice(0, length - 1);
  return `${text}x`;
}

/** Maximum lengths, Unicode (BMP only, so length in UTF-16 units = characters). */
function maxLengthUser(rng: Rng, index: number, prefix: string): SbUser {
  const { created, updated } = createdUpdated(rng);
  const domain = `@${EMAIL_DOMAIN}`;
  const local = fill(`max.${index}.long-user-name.`, MAX_USER_NAME_LENGTH - domain.length);
  return {
    UserId: identityId(rng, prefix),
    UserName: `${local}${domain}`,
    DisplayName: fill(`Ünïcödé 名前 O'Brien "Q" ${index} `, MAX_DISPLAY_NAME_LENGTH),
    Name: { GivenName: "Maximilian", FamilyName: fill("Längstername-", 256) },
    Emails: [{ Value: `max.${index}${domain}`, Type: "work", Primary: true }],
    UserStatus: "ENABLED",
    CreatedAt: created,
    UpdatedAt: updated,
  };
}

function makeUser(o: ResolvedGenerateOptions, rng: Rng, prefix: string, names: Map<string, number>): SbUser {
  const n = personName(rng);
  const given = asciiSlug(n.given);
  const family = asciiSlug(n.family);
  const local = uniqueName(names, given !== "" && family !== "" ? `${given}.${family}` : "user");
  const style = rng.next();
  const userName =
    style < 0.65
      ? `${local}@${EMAIL_DOMAIN}`
      : style < 0.85
        ? local
        : uniqueName(names, `${n.given}.${n.family}`.replace(/\s+/g, "_"));
  const user: SbUser = { UserId: identityId(rng, prefix), UserName: userName, CreatedAt: "", UpdatedAt: "" };
  if (rng.chance(0.98)) user.DisplayName = decorate(rng, n);
  if (rng.chance(0.97)) {
    user.Name = rng.chance(0.5)
      ? { Formatted: n.display, FamilyName: n.family, GivenName: n.given }
      : { FamilyName: n.family, GivenName: n.given };
  }
  if (rng.chance(0.05)) user.NickName = rng.pick(NICKNAMES);
  if (rng.chance(0.2)) user.Title = rng.pick(TITLES);
  if (rng.chance(0.85)) {
    const value = `${local}@${EMAIL_DOMAIN}`;
    user.Emails = [
      rng.chance(0.6) ? { Value: value, Type: "work", Primary: true } : { Value: value, Primary: true },
    ];
  }
  if (rng.chance(0.3)) {
    const id = rng.chance(0.5) ? rng.uuid() : `E${rng.digits(6)}`;
    user.ExternalIds = [{ Issuer: SCIM_ISSUER, Id: id }];
  }
  const status = rng.next();
  if (status < o.disabledShare) user.UserStatus = "DISABLED";
  else if (status >= o.disabledShare + o.missingStatusShare) user.UserStatus = "ENABLED";
  const { created, updated } = createdUpdated(rng);
  user.CreatedAt = created;
  user.UpdatedAt = updated;
  return user;
}

export function generateUsers(o: ResolvedGenerateOptions, rng: Rng, prefix: string): SbUser[] {
  const names = new Map<string, number>();
  const maxIndex = o.users >= 5 ? Math.floor(o.users / 2) : -1;
  const users: SbUser[] = new Array<SbUser>(o.users);
  for (let i = 0; i < o.users; i++) {
    users[i] = i === maxIndex ? maxLengthUser(rng, i, prefix) : makeUser(o, rng, prefix, names);
  }
  // Small worlds still get each status form, so every test org exercises them.
  const second = users[1];
  if (o.disabledShare > 0 && second !== undefined && !users.some((u) => u.UserStatus === "DISABLED")) {
    second.UserStatus = "DISABLED";
  }
  const third = users[2];
  if (o.missingStatusShare > 0 && third !== undefined && users.every((u) => u.UserStatus !== undefined)) {
    delete third.UserStatus;
  }
  return users;
}
