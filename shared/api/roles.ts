import type { User, UserRole } from '../records';
import type { OperationName } from './operations';

/**
 * Who may call each operation, declared once: dispatch enforces it before any handler runs,
 * and the UI reads the same table to hide or disable what a user cannot do.
 *
 * - 'signed-out': works without signing in (what the first-run and sign-in screens need).
 * - 'self': any signed-in user, even one who must still change their password.
 * - a list of roles: a signed-in user holding at least one of them, password changed.
 */
export type Access = 'signed-out' | 'self' | readonly UserRole[];

/** Everyone who works with patients' records. An administrator alone (IT) reads no patient data. */
const CLINICAL = ['surgeon', 'histotech', 'staff'] as const satisfies readonly UserRole[];
const EVERYONE = [...CLINICAL, 'administrator'] as const satisfies readonly UserRole[];
const SURGEON = ['surgeon'] as const satisfies readonly UserRole[];
/** Patients and cases: clinic staff register them; a surgeon may open their own case too. */
const FRONT_DESK = ['surgeon', 'staff'] as const satisfies readonly UserRole[];
/** The lab: histotechs move blocks through it; the surgeon reading the slides marks them read. */
const LAB = ['surgeon', 'histotech'] as const satisfies readonly UserRole[];
/** The histotech's half of a block's histology (slides, stains, section quality): the lab's own record. */
const HISTOTECH = ['histotech'] as const satisfies readonly UserRole[];
/** Practice statistics: counts per surgeon, no patient in them; the surgeons and the practice's administrator. */
const PRACTICE = ['surgeon', 'administrator'] as const satisfies readonly UserRole[];
const ADMINISTRATOR = ['administrator'] as const satisfies readonly UserRole[];
/** Case archives carry whole records out of (or into) the clinic: the surgeon, or IT moving records between databases. */
const ARCHIVIST = ['surgeon', 'administrator'] as const satisfies readonly UserRole[];

export const OPERATION_ACCESS = {
  'app.info': 'signed-out',
  'session.status': 'signed-out',
  'session.current': 'signed-out',
  'session.signInChoices': 'signed-out',
  'session.setUp': 'signed-out',
  'session.signIn': 'signed-out',
  'session.signOut': 'self',
  // Answered signed out too: the idle clock may fire just after a sign-out, and then locks nothing.
  'session.lock': 'signed-out',
  'session.changePassword': 'self',
  'users.list': EVERYONE,
  'users.create': ADMINISTRATOR,
  'users.setRoles': ADMINISTRATOR,
  'users.setActive': ADMINISTRATOR,
  'users.resetPassword': ADMINISTRATOR,
  'settings.get': EVERYONE,
  'settings.update': ADMINISTRATOR,
  'settings.newRecoveryCode': ADMINISTRATOR,
  'settings.confirmRecoveryCode': ADMINISTRATOR,
  'settings.recoveryCodeStatus': ADMINISTRATOR,
  'settings.mue': EVERYONE,
  'settings.loadMueFile': ADMINISTRATOR,
  'settings.resetMue': ADMINISTRATOR,
  // Everyone sees when the last backup was and may take one; only an administrator chooses
  // where backups go and restores one (which replaces everyone's data).
  // Which database the workstation opens: IT's choice, like the users.
  'database.current': ADMINISTRATOR,
  'database.testConnection': ADMINISTRATOR,
  'database.save': ADMINISTRATOR,
  'database.copyToServer': ADMINISTRATOR,
  'database.copyToThisComputer': ADMINISTRATOR,
  'database.exportJoinFile': ADMINISTRATOR,
  // A new install, before its own clinic is set up (the handler refuses after): nobody can sign in yet.
  'database.join': 'signed-out',
  'backup.status': EVERYONE,
  'backup.setFolder': ADMINISTRATOR,
  'backup.now': EVERYONE,
  'backup.list': ADMINISTRATOR,
  'backup.preview': ADMINISTRATOR,
  'backup.restore': ADMINISTRATOR,
  'patients.create': FRONT_DESK,
  'patients.update': FRONT_DESK,
  'patients.search': CLINICAL,
  'cases.create': FRONT_DESK,
  'cases.update': FRONT_DESK,
  'cases.get': CLINICAL,
  'cases.search': CLINICAL,
  'cases.coding': CLINICAL,
  'cases.setAdditionalCodes': FRONT_DESK,
  'lesions.create': SURGEON,
  'lesions.update': SURGEON,
  'lesions.get': CLINICAL,
  'lesions.setMapFacts': SURGEON,
  'lesions.setOutcome': SURGEON,
  // The surgeon records the repair; everyone clinical (the lab too) reads it with the lesion.
  'lesions.setRepair': SURGEON,
  'stages.list': CLINICAL,
  'stages.create': SURGEON,
  'stages.save': SURGEON,
  'stages.keepUnsaved': SURGEON,
  'stages.replayUnsaved': SURGEON,
  'stages.discardUnsaved': SURGEON,
  'stages.remove': SURGEON,
  'lesions.signWarnings': SURGEON,
  'cases.signWarnings': SURGEON,
  'lesions.sign': SURGEON,
  'cases.sign': SURGEON,
  'addenda.add': CLINICAL,
  'addenda.list': CLINICAL,
  'worklist.list': LAB,
  'worklist.scan': LAB,
  'blocks.setStatus': LAB,
  'archive.export': ARCHIVIST,
  'archive.lesions': ARCHIVIST,
  'archive.import': ARCHIVIST,
  // The chart export sends a case to the clinic's EHR: the surgeon's signed document. Not an
  // administrator alone: its PDF is printed from the case's own pages, which only clinical roles read.
  'chart.export': SURGEON,
  'chart.check': SURGEON,
  // The note is read by the chart page that prints it, as the signed-in user: everyone clinical reads the record.
  'chart.note': CLINICAL,
  'audit.list': ADMINISTRATOR,
  'audit.search': ADMINISTRATOR,
  'audit.exportCsv': ADMINISTRATOR,
  'audit.verify': ADMINISTRATOR,
  // Everyone who works: the start warning is shown to all, and every print or export is recorded.
  'audit.startCheck': EVERYONE,
  'audit.record': EVERYONE,
  // Photos are the surgeon's, like the map they sit under; everyone who reads the map sees them.
  'photos.list': CLINICAL,
  'photos.add': SURGEON,
  'photos.picture': CLINICAL,
  'photos.calibrate': SURGEON,
  'photos.place': SURGEON,
  'photos.delete': SURGEON,
  'photos.replace': SURGEON,
  // Histology per block: everyone clinical reads it; the lab's half is the histotech's, the reading the surgeon's.
  'histology.list': CLINICAL,
  'histology.setLab': HISTOTECH,
  'histology.setReading': SURGEON,
  // The operative note: everyone clinical reads it; the surgeon writes and signs it. The time-out
  // is done by the team in the room, so a nurse or assistant (staff) may tick it as well.
  'operativeNote.get': CLINICAL,
  'operativeNote.save': SURGEON,
  'operativeNote.keepText': SURGEON,
  'operativeNote.setChecklist': FRONT_DESK,
  'noteTemplates.get': SURGEON,
  'noteTemplates.save': SURGEON,
  'statistics.practice': PRACTICE,
} as const satisfies Record<OperationName, Access>;

/** Whether this user (signed in, password changed) may call the operation; the UI's mirror of dispatch's check. */
export function mayCall(user: Pick<User, 'roles'> | null, name: OperationName): boolean {
  const access: Access = OPERATION_ACCESS[name];
  if (access === 'signed-out') return true;
  if (user === null) return false;
  if (access === 'self') return true;
  return user.roles.some((r) => access.includes(r));
}
