import { z } from 'zod';
import type { UserId } from '../ids';
import { personName, type Stamped } from './fields';

/**
 * What a user may do is the union of their roles: a one-surgeon clinic's surgeon is often
 * its administrator too, and a lab may have its surgeon read slides as histotech. A set of
 * roles says that without inventing combined roles.
 */
export const USER_ROLES = ['surgeon', 'histotech', 'staff', 'administrator'] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const USER_ROLE_LABELS: Readonly<Record<UserRole, string>> = {
  surgeon: 'Mohs surgeon',
  histotech: 'Histotechnician',
  staff: 'Clinic staff',
  administrator: 'Administrator',
};

export const rolesSchema = z
  .array(z.enum(USER_ROLES, { error: 'Unknown role: choose Mohs surgeon, histotechnician, clinic staff or administrator.' }), {
    error: 'Choose at least one role.',
  })
  .min(1, { error: 'Choose at least one role.' })
  .max(USER_ROLES.length)
  // A set: stored in one order whatever order the roles were ticked in.
  .transform((roles) => USER_ROLES.filter((r) => roles.includes(r)));

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_SECRET_LENGTH = 200;
export const MIN_PIN_DIGITS = 6;
export const MAX_PIN_DIGITS = 12;

/** A password or PIN as typed: only its length is bounded here; the clinic's rule is applied in the store (settings.allowPin). */
export const secretInput = (label: string) =>
  z
    .string({ error: `${label} is required.` })
    .min(1, { error: `${label} is required.` })
    .max(MAX_SECRET_LENGTH, { error: `${label} must be at most ${MAX_SECRET_LENGTH} characters.` });

export type SecretKind = 'password' | 'pin';

/**
 * The clinic's rule for a new password or PIN: a password of at least 10 characters (NIST SP
 * 800-63B asks at least 8; a shared clinic workstation gets a margin), or, where the clinic
 * allows PINs, 6 to 12 digits. Returns the kind, or the message saying what to type.
 */
export function checkNewSecret(secret: string, allowPin: boolean): { ok: true; kind: SecretKind } | { ok: false; message: string } {
  const pin = new RegExp(`^[0-9]{${MIN_PIN_DIGITS},${MAX_PIN_DIGITS}}$`);
  if (allowPin && pin.test(secret)) return { ok: true, kind: 'pin' };
  if (secret.length >= MIN_PASSWORD_LENGTH && secret.trim().length > 0) return { ok: true, kind: 'password' };
  return {
    ok: false,
    message: allowPin
      ? `A password must be at least ${MIN_PASSWORD_LENGTH} characters, or a PIN ${MIN_PIN_DIGITS} to ${MAX_PIN_DIGITS} digits.`
      : `A password must be at least ${MIN_PASSWORD_LENGTH} characters (this clinic does not allow PINs).`,
  };
}

export const userFields = z.object({
  name: personName('Name', 120),
  initials: z
    .string({ error: 'Initials are required.' })
    .trim()
    .regex(/^[A-Za-z]{1,4}$/, { error: 'Initials must be 1 to 4 letters.' })
    .transform((s) => s.toUpperCase()),
  roles: rolesSchema,
});
export type UserFields = z.input<typeof userFields>;

/** A new user as an administrator adds them: with a first password they must change at first sign-in. */
export const newUserFields = userFields.extend({ password: secretInput('First password') });

export interface User extends Stamped {
  readonly id: UserId;
  readonly name: string;
  readonly initials: string;
  readonly roles: readonly UserRole[];
  readonly active: boolean;
  /** False for a user from before sign-in existed until an administrator gives them a password. */
  readonly hasPassword: boolean;
  /** The user must choose a new password before anything else (first sign-in, after a reset). */
  readonly mustChangePassword: boolean;
  readonly lastSignInAt: string | null;
}

export const hasRole = (user: Pick<User, 'roles'>, role: UserRole): boolean => user.roles.includes(role);

/** How roles read in a list: "Mohs surgeon, Administrator". */
export const rolesLabel = (roles: readonly UserRole[]): string => roles.map((r) => USER_ROLE_LABELS[r]).join(', ');
