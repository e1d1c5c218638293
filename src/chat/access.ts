/**
 * Who may read what, for every platform alike: internal minutes only for an
 * allow-listed user where no one else reads the reply (a private chat, their
 * own inline results) and in allow-listed chats; `*_PUBLIC=false` refuses
 * everyone outside the lists.
 */
import { FULL_ACCESS, PUBLIC_ACCESS, type Access } from "../answer/types.js";

/** A platform's allow-lists (ids as the platform writes them). */
export interface AccessRules {
  allowedUsers: ReadonlySet<string>;
  allowedChats: ReadonlySet<string>;
  /** false: refuse anyone outside the lists. */
  public: boolean;
}

export interface AccessDecision {
  /** Refused outright (not public and not on a list). */
  refused: boolean;
  access: Access;
  /** On an allow-list (user or chat), whatever this view shows. */
  internalUser: boolean;
}

/** Builds rules from config lists of numbers or strings. */
export function accessRules(users: readonly (string | number)[], chats: readonly (string | number)[], isPublic: boolean): AccessRules {
  return { allowedUsers: new Set(users.map(String)), allowedChats: new Set(chats.map(String)), public: isPublic };
}

/** Decides for one request; `ownView` is true where only the sender reads the reply. */
export function decideAccess(rules: AccessRules, who: { userId?: string; chatId?: string; ownView: boolean }): AccessDecision {
  const userAllowed = who.userId !== undefined && rules.allowedUsers.has(who.userId);
  const chatAllowed = who.chatId !== undefined && rules.allowedChats.has(who.chatId);
  return {
    refused: !rules.public && !userAllowed && !chatAllowed,
    access: (userAllowed && who.ownView) || chatAllowed ? FULL_ACCESS : PUBLIC_ACCESS,
    internalUser: userAllowed || chatAllowed,
  };
}
