/**
 * What the helper uses of a realm-web `App`: its users and the public `removeUser` (realm-web's own types stay
 * out of the kit's API).
 */
export interface RealmAppLike {
  readonly allUsers: Readonly<Record<string, unknown>>;
  removeUser(user: never): Promise<void>;
}

/** realm-web's module as far as singleton apps go: `Realm.getApp(id)` keeps its apps in `App.appCache`. */
interface RealmAppCache {
  readonly App?: { readonly appCache?: Readonly<Record<string, RealmAppLike>> };
}

function isRealmApp(value: unknown): value is RealmAppLike {
  return (
    typeof value === "object" &&
    value !== null &&
    "allUsers" in value &&
    typeof (value as { removeUser?: unknown }).removeUser === "function"
  );
}

/**
 * Forgets every user an app knows, the way `app.removeUser(user)` does: the user leaves `allUsers` (so
 * `currentUser` is null) and its tokens are dropped. realm-web sends a logout for each; a session the mock already
 * ended answers "failed to find refresh token", which realm-web ignores, and any other failure is ignored too (the
 * user is removed before the request).
 */
export async function removeAllUsers(apps: Iterable<RealmAppLike>): Promise<void> {
  for (const app of apps) {
    for (const user of Object.values(app.allUsers)) {
      await app.removeUser(user as never).catch(() => undefined);
    }
  }
}

/** The apps `Realm.getApp(id)` created (realm-web keeps them in a static cache), or none. */
export function cachedRealmApps(realm: unknown): RealmAppLike[] {
  const cache = (realm as RealmAppCache | undefined)?.App?.appCache;
  return cache === undefined ? [] : Object.values(cache).filter(isRealmApp);
}
