import { cloneValue } from "../mongodb/index.js";
import type { AppRuntime } from "../runtime.js";
import type { ProviderType } from "../seed.js";
import { requireUser } from "../state/users.js";

/** One identity of a user, with the provider data merged into its profile. */
export interface MockIdentity {
  readonly id: string;
  readonly providerType: ProviderType;
  readonly data: Readonly<Record<string, unknown>>;
}

/** Test-side account administration (part of `mock.users`). */
export interface MockUserAdmin {
  /**
   * Disables a user: its logins and token refreshes fail with `401 UserDisabled` (no refresh loop), its sessions
   * stay so `enable` brings it back. Emits `user-disabled` when it changes anything.
   */
  disable(id: string): void;
  /** Re-enables a disabled user. Emits `user-enabled` when it changes anything. */
  enable(id: string): void;
  /** The user's identities, oldest first. */
  identities(id: string): MockIdentity[];
}

function setDisabled(runtime: AppRuntime, id: string, disabled: boolean): void {
  const user = requireUser(runtime, id);
  if (user.disabled === disabled) return;
  runtime.update((s) => ({ ...s, users: s.users.set(id, { ...user, disabled }) }));
  runtime.emit({ type: disabled ? "user-disabled" : "user-enabled", userId: id });
}

export function createUserAdmin(runtime: AppRuntime): MockUserAdmin {
  return {
    disable: (id) => setDisabled(runtime, id, true),
    enable: (id) => setDisabled(runtime, id, false),
    identities: (id) =>
      requireUser(runtime, id).identities.map((i) => ({
        id: i.id,
        providerType: i.providerType,
        data: cloneValue(i.data),
      })),
  };
}
