import { z } from 'zod';

/**
 * Settings → Database: which database this workstation opens at its next start. The form's
 * fields, checked here so the page and the store's thread say the same thing about bad input.
 * The server password travels only in a test or a save, and is sealed on this computer; it
 * is never sent back, shown or audited.
 */
export const TLS_MODES = ['verify-full', 'require', 'disable-lan-exception'] as const;
export type TlsMode = (typeof TLS_MODES)[number];

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, { error: `${label} is required.` })
    .max(max, { error: `${label} must be at most ${max} characters.` });

export const serverFormSchema = z
  .object({
    host: text('The server name', 255),
    port: z.number({ error: 'The port must be a number.' }).int({ error: 'The port must be a whole number.' }).min(1, { error: 'The port must be between 1 and 65535.' }).max(65535, { error: 'The port must be between 1 and 65535.' }),
    database: text('The database name', 63),
    user: text('The user name', 63),
    sslmode: z.enum(TLS_MODES, { error: 'Choose how the connection is encrypted.' }),
    /** The clinic's CA certificate: a file path on this computer, or the PEM text itself. */
    ca: z.string().trim().max(20_000, { error: 'The CA certificate is too long.' }).optional(),
    /** Signing in with a client certificate (the server's pg_hba.conf `cert`): the paths of its PEM files on this computer. */
    clientCertPath: z.string().trim().max(4096, { error: 'The certificate path is too long.' }).optional(),
    clientKeyPath: z.string().trim().max(4096, { error: 'The key path is too long.' }).optional(),
  })
  .strict();
export type ServerForm = z.infer<typeof serverFormSchema>;

const password = z.string().min(1, { error: 'The server password is required.' }).max(1024, { error: 'The server password is too long.' });

/** The password may be left out where the server signs in by client certificate. */
export const testConnectionSchema = z.object({ server: serverFormSchema, password: password.optional() }).strict();

/** Copying this computer's records onto the server: the server as on the form, its password unless one is saved for it. */
export const copyToServerSchema = z.object({ server: serverFormSchema, password: password.optional() }).strict();

/** A whole database copied to the other engine, proved table by table (electron/store/engineCopy.ts). */
export interface DatabaseCopySummary {
  /** Where it went, in words (the server, or the file). */
  readonly target: string;
  readonly tables: readonly { readonly table: string; readonly rows: number; readonly sha256: string }[];
  readonly rows: number;
  readonly auditRows: number;
}

/** A new server needs its password; a server already saved keeps its sealed password when the field is left empty. */
export const saveDatabaseSchema = z.discriminatedUnion('engine', [
  z.object({ engine: z.literal('local') }).strict(),
  z.object({ engine: z.literal('server'), server: serverFormSchema, password: password.optional() }).strict(),
], { error: 'Choose "This computer only" or "Clinic server".' });
export type SaveDatabaseInput = z.infer<typeof saveDatabaseSchema>;

export interface DatabaseSettingsView {
  /** What this running Layermap has open. */
  readonly running: 'this-computer' | 'clinic-server';
  /** What database.json names for the next start; null where this Layermap cannot change it (no settings folder). */
  readonly chosen: { readonly engine: 'local' } | { readonly engine: 'server'; readonly server: ServerForm; readonly passwordSaved: boolean } | null;
  /** The settings file is damaged or newer: its message (the page still lets the administrator choose again). */
  readonly problem?: string;
  /** The choice differs from what is running: the next start opens it. */
  readonly restartNeeded: boolean;
}

export type ConnectionTestResult =
  | { readonly ok: true; readonly message: string }
  | { readonly ok: false; readonly reason: string; readonly message: string };

const joinFilePath = z.string({ error: 'Give the join file’s path.' }).trim().min(1, { error: 'Give the join file’s path.' }).max(4096, { error: 'That path is too long.' });
const joinPassphrase = z.string({ error: 'Type the join file’s passphrase.' }).min(1, { error: 'Type the join file’s passphrase.' }).max(1024, { error: 'The passphrase is too long.' });

/** An administrator writes the clinic's audit key, under a passphrase, for another workstation (electron/services/clinicJoin.ts). */
export const exportJoinFileSchema = z.object({ file: joinFilePath, passphrase: joinPassphrase }).strict();

/** A new workstation joins the clinic server: the server as on the form, and the join file another workstation wrote. */
export const joinClinicSchema = z.object({ server: serverFormSchema, password: password.optional(), file: joinFilePath, passphrase: joinPassphrase }).strict();
