import { z } from 'zod';
import type { UserId } from '../ids';
import { personName, type Stamped } from './fields';

export const USER_ROLES = ['surgeon', 'histotech'] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const USER_ROLE_LABELS: Readonly<Record<UserRole, string>> = {
  surgeon: 'Mohs surgeon',
  histotech: 'Histotechnician',
};

export const userFields = z.object({
  name: personName('Name', 120),
  initials: z
    .string({ error: 'Initials are required.' })
    .trim()
    .regex(/^[A-Za-z]{1,4}$/, { error: 'Initials must be 1 to 4 letters.' })
    .transform((s) => s.toUpperCase()),
  role: z.enum(USER_ROLES, { error: 'Choose a role: Mohs surgeon or histotechnician.' }),
});
export type UserFields = z.input<typeof userFields>;

export interface User extends Stamped {
  readonly id: UserId;
  readonly name: string;
  readonly initials: string;
  readonly role: UserRole;
  readonly active: boolean;
}
