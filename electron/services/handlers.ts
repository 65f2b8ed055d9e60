import type { OperationName, OpParsed, OpResult } from '../../shared/api';
import type { UserId } from '../../shared/ids';
import { listAudit } from '../store/audit';
import { searchCases } from '../store/caseSearch';
import { createCase, setAdditionalCodes, updateCase } from '../store/cases';
import { caseCoding } from '../store/coding';
import { getCaseDetail, getLesionDetail } from '../store/details';
import { createLesion, setLesionMapFacts, setLesionOutcome, setLesionRepair, updateLesion } from '../store/lesions';
import { createPatient, searchPatients, updatePatient } from '../store/patients';
import { getMueTable, loadMueFile, resetMueTable } from '../store/mueTable';
import { getSettings, updateSettings } from '../store/settings';
import { addAddendum, listAddenda, signCase, signLesion } from '../store/signoff';
import { caseSignWarnings, lesionSignWarnings } from '../store/signoffChecks';
import { listWorklist, scanLabel, setBlockStatus } from '../store/worklist';
import { listLesionHistology, setHistologyLab, setHistologyReading } from '../store/histology';
import { getOperativeNote, keepSurgeonText, saveOperativeNote, setChecklistItem } from '../store/operativeNote';
import { getNoteTemplate, saveNoteTemplate } from '../store/noteTemplates';
import { practiceStatistics } from '../store/statistics';
import { createStage, listStages, removeStage, saveStage } from '../store/stages';
import { changeOwnSecret, newSecret, proveSecret, recordSignOut } from '../store/credentials';
import { createUser, findUser, listUsers, resetUserSecret, setUpClinic, setUserActive, setUserRoles, signInChoices } from '../store/users';
import { archiveLesions, exportCaseArchive, importCaseArchive } from './archiveOps';
import { chartNote, checkChartExport, exportChart } from './chartOps';
import { exportCsv, recordOpen, recordOutput, searchPage, startCheck, verifyWhole } from './auditOps';
import { asUser, type ServiceContext } from './context';
import { backupNow, backupStatus, listFolderBackups, previewFolderBackup, restoreFolderBackup, setBackupFolder } from './backupOps';
import { joinClinic, writeJoinFile } from './clinicJoinOps';
import { copyToServer, copyToThisComputer } from './databaseCopyOps';
import { currentDatabase, saveDatabase, testConnection } from './databaseSettingsOps';
import { confirmRecoveryCode, newRecoveryCode, recoveryCodeStatus } from './recoverySheet';
import { endSession, lockSession, sessionStatus, unlockFor } from './sessionLocking';
import { AppFailure } from '../../shared/result';
import { discardUnsaved, keepUnsaved, replayUnsaved } from './unsavedMaps';
import { addPhotoFrom, photoPictureOf, replacePhotoFrom } from './photoOps';
import { calibratePhoto, deletePhoto, listPhotos, placePhoto } from '../store/photos';

const signedIn = (ctx: ServiceContext): string => {
  if (ctx.session.userId === null) throw new AppFailure('no_user', 'Sign in first.');
  return ctx.session.userId;
};

const currentUser = async (ctx: ServiceContext) => (ctx.session.userId === null ? null : ((await findUser(ctx.store.query, ctx.session.userId)) ?? null));

/**
 * A signature re-authenticates: the signer's password is checked again (a wrong one counts
 * toward the lockout) before the signing transaction starts, so scrypt never holds the lock.
 */
const reauthenticate = async (ctx: ServiceContext, password: string): Promise<void> => {
  await proveSecret(ctx.store, ctx.now(), signedIn(ctx), password, 'signature', ctx.scryptCost);
};

export type Handler<K extends OperationName> = (ctx: ServiceContext, input: OpParsed<K>) => Promise<OpResult<K>>;
export type Handlers = { readonly [K in OperationName]: Handler<K> };

/** One function per operation; inputs arrive already validated by the dispatcher. */
export const handlers: Handlers = {
  'app.info': async (ctx) => ({
    appVersion: ctx.appVersion,
    schemaVersion: ctx.store.schemaVersion,
    databasePath: ctx.store.path,
    transport: ctx.transport,
  }),
  'session.status': (ctx) => sessionStatus(ctx),
  'session.current': (ctx) => currentUser(ctx),
  'session.signInChoices': (ctx) => signInChoices(ctx.store.query),
  'session.setUp': async (ctx, { clinicName, password, ...fields }) => {
    if (!fields.roles.includes('administrator')) throw new AppFailure('invalid_input', 'The first user must be an administrator, to add the others.');
    const secret = await newSecret(ctx.store.query, password, ctx.scryptCost);
    const user = await setUpClinic(ctx.store, ctx.now(), ctx.newId() as UserId, fields, secret, clinicName);
    ctx.session.userId = user.id;
    return user;
  },
  'session.signIn': async (ctx, { userId, secret }) => {
    const user = await proveSecret(ctx.store, ctx.now(), userId, secret, 'sign-in', ctx.scryptCost);
    // The same user again unlocks a locked session; another user switches.
    await unlockFor(ctx, user.id);
    return user;
  },
  'session.signOut': async (ctx) => {
    const userId = ctx.session.userId;
    endSession(ctx);
    if (userId !== null) await recordSignOut(ctx.store, ctx.now(), userId);
    return null;
  },
  'session.lock': (ctx) => lockSession(ctx),
  'session.changePassword': async (ctx, { current, next }) =>
    changeOwnSecret(ctx.store, ctx.now(), signedIn(ctx), current, next, ctx.scryptCost),
  'users.list': (ctx) => listUsers(ctx.store.query),
  'users.create': async (ctx, { password, ...fields }) => {
    const secret = await newSecret(ctx.store.query, password, ctx.scryptCost);
    return asUser(ctx, (w) => createUser(w, ctx.newId() as UserId, fields, secret, true));
  },
  'users.setRoles': (ctx, { id, version, roles }) => asUser(ctx, (w) => setUserRoles(w, id, version, roles)),
  'users.setActive': (ctx, { id, version, active }) => asUser(ctx, (w) => setUserActive(w, id, version, active)),
  'users.resetPassword': async (ctx, { id, version, password }) => {
    const secret = await newSecret(ctx.store.query, password, ctx.scryptCost);
    return asUser(ctx, (w) => resetUserSecret(w, id, version, secret));
  },
  'settings.get': (ctx) => getSettings(ctx.store.query),
  'settings.update': (ctx, patch) => asUser(ctx, (w) => updateSettings(w, patch)),
  'settings.mue': (ctx) => getMueTable(ctx.store.query),
  'settings.loadMueFile': (ctx, { fileName, text }) => asUser(ctx, (w) => loadMueFile(w, fileName, text)),
  'settings.resetMue': (ctx) => asUser(ctx, (w) => resetMueTable(w)),
  'patients.create': (ctx, input) => asUser(ctx, (w) => createPatient(w, input)),
  'patients.update': (ctx, { id, version, ...fields }) => asUser(ctx, (w) => updatePatient(w, id, version, fields)),
  'patients.search': (ctx, { text, limit }) => searchPatients(ctx.store.query, text, limit),
  'cases.create': (ctx, { patientId, ...fields }) => asUser(ctx, (w) => createCase(w, patientId, fields)),
  'cases.update': (ctx, { id, version, ...fields }) => asUser(ctx, (w) => updateCase(w, id, version, fields)),
  'cases.get': (ctx, { id }) => opened(ctx, 'case', id, getCaseDetail(ctx.store.query, id)),
  'cases.search': (ctx, { text, limit }) => searchCases(ctx.store.query, text, limit),
  'cases.coding': (ctx, { id }) => caseCoding(ctx.store.query, id),
  'cases.setAdditionalCodes': (ctx, { id, version, codes }) => asUser(ctx, (w) => setAdditionalCodes(w, id, version, codes)),
  'lesions.create': (ctx, { caseId, ...fields }) => asUser(ctx, (w) => createLesion(w, caseId, fields)),
  'lesions.update': (ctx, { id, version, ...fields }) => asUser(ctx, (w) => updateLesion(w, id, version, fields)),
  'lesions.get': (ctx, { id }) => opened(ctx, 'lesion', id, getLesionDetail(ctx.store.query, id)),
  'lesions.setMapFacts': (ctx, { id, version, ...facts }) => asUser(ctx, (w) => setLesionMapFacts(w, id, version, facts)),
  'lesions.setOutcome': (ctx, { id, version, outcome }) => asUser(ctx, (w) => setLesionOutcome(w, id, version, outcome)),
  'lesions.setRepair': (ctx, { id, version, repair }) => asUser(ctx, (w) => setLesionRepair(w, id, version, repair)),
  'stages.list': (ctx, { lesionId }) => listStages(ctx.store.query, lesionId),
  'stages.create': (ctx, { lesionId, doc }) => asUser(ctx, (w) => createStage(w, lesionId, doc)),
  'stages.save': (ctx, { id, version, doc }) => asUser(ctx, (w) => saveStage(w, id, version, doc)),
  'stages.remove': (ctx, { id, version }) => asUser(ctx, (w) => removeStage(w, id, version)),
  'stages.keepUnsaved': (ctx, { maps }) => keepUnsaved(ctx, maps),
  'stages.replayUnsaved': (ctx) => replayUnsaved(ctx),
  'stages.discardUnsaved': (ctx, { id }) => discardUnsaved(ctx, id),
  'lesions.signWarnings': (ctx, { id }) => lesionSignWarnings(ctx.store.query, id),
  'cases.signWarnings': (ctx, { id }) => caseSignWarnings(ctx.store.query, id),
  'settings.newRecoveryCode': async (ctx, { password }) => {
    await reauthenticate(ctx, password);
    return newRecoveryCode(ctx);
  },
  'settings.confirmRecoveryCode': (ctx) => confirmRecoveryCode(ctx),
  'settings.recoveryCodeStatus': (ctx) => recoveryCodeStatus(ctx),
  'lesions.sign': async (ctx, { id, version, reviewed, password }) => {
    await reauthenticate(ctx, password);
    return asUser(ctx, (w) => signLesion(w, id, version, reviewed));
  },
  'cases.sign': async (ctx, { id, version, reviewed, password }) => {
    await reauthenticate(ctx, password);
    return asUser(ctx, (w) => signCase(w, id, version, reviewed));
  },
  'addenda.add': (ctx, { caseId, lesionId, text }) => asUser(ctx, (w) => addAddendum(w, caseId, lesionId, text)),
  'addenda.list': (ctx, { caseId }) => listAddenda(ctx.store.query, caseId),
  'worklist.list': (ctx, { date }) => listWorklist(ctx.store.query, date),
  'worklist.scan': (ctx, { text }) => scanLabel(ctx.store.query, text),
  'blocks.setStatus': (ctx, { id, version, status }) => asUser(ctx, (w) => setBlockStatus(w, id, version, status)),
  'histology.list': (ctx, { lesionId }) => listLesionHistology(ctx.store.query, lesionId),
  'histology.setLab': (ctx, { blockId, version, lab }) => asUser(ctx, (w) => setHistologyLab(w, blockId, version, lab)),
  'histology.setReading': (ctx, { blockId, version, reading }) => asUser(ctx, (w) => setHistologyReading(w, blockId, version, reading)),
  'operativeNote.get': (ctx, { caseId }) => getOperativeNote(ctx.store.query, caseId),
  'operativeNote.save': (ctx, { caseId, version, freeText, surgeonText }) => asUser(ctx, (w) => saveOperativeNote(w, caseId, version, { freeText, surgeonText })),
  'operativeNote.keepText': (ctx, { caseId, version }) => asUser(ctx, (w) => keepSurgeonText(w, caseId, version)),
  'operativeNote.setChecklist': (ctx, { caseId, version, change }) => asUser(ctx, (w) => setChecklistItem(w, caseId, version, change)),
  'noteTemplates.get': (ctx) => getNoteTemplate(ctx.store.query, signedIn(ctx)),
  'noteTemplates.save': (ctx, { version, freeText }) => asUser(ctx, (w) => saveNoteTemplate(w, version, freeText)),
  'statistics.practice': (ctx, range) => practiceStatistics(ctx.store.query, range),
  'archive.export': (ctx, input) => exportCaseArchive(ctx, input),
  'archive.lesions': (ctx, input) => archiveLesions(ctx, input),
  'archive.import': (ctx, input) => importCaseArchive(ctx, input),
  'chart.export': (ctx, input) => exportChart(ctx, input),
  'chart.check': (ctx, input) => checkChartExport(ctx, input),
  'chart.note': (ctx, { caseId }) => chartNote(ctx, caseId),
  'backup.status': async (ctx) => backupStatus(ctx),
  'database.current': async (ctx) => currentDatabase(ctx),
  'database.testConnection': (ctx, { server, password }) => testConnection(ctx, server, password),
  'database.save': (ctx, input) => saveDatabase(ctx, input),
  'database.copyToServer': (ctx, { server, password }) => copyToServer(ctx, server, password),
  'database.copyToThisComputer': (ctx) => copyToThisComputer(ctx),
  'database.exportJoinFile': (ctx, { file, passphrase }) => writeJoinFile(ctx, file, passphrase),
  'database.join': (ctx, input) => joinClinic(ctx, input),
  'backup.setFolder': (ctx, { folder }) => setBackupFolder(ctx, folder),
  'backup.now': async (ctx) => backupNow(ctx, ctx.backupProgress),
  'backup.list': async (ctx) => listFolderBackups(ctx),
  'backup.preview': async (ctx, { file }) => previewFolderBackup(ctx, file),
  'backup.restore': (ctx, { file }) => restoreFolderBackup(ctx, file),
  'audit.list': (ctx, { entityId, limit }) => listAudit(ctx.store.query, entityId, limit),
  'audit.search': (ctx, input) => searchPage(ctx, input),
  'audit.exportCsv': (ctx, filter) => exportCsv(ctx, filter),
  'audit.verify': (ctx) => verifyWhole(ctx),
  'audit.startCheck': (ctx) => startCheck(ctx),
  'audit.record': (ctx, input) => recordOutput(ctx, input),
  'photos.list': (ctx, { lesionId }) => listPhotos(ctx.store.query, lesionId),
  'photos.add': (ctx, input) => addPhotoFrom(ctx, input),
  'photos.picture': (ctx, { id, copy }) => photoPictureOf(ctx, id, copy),
  'photos.calibrate': (ctx, { id, version, calibration }) => asUser(ctx, (w) => calibratePhoto(w, id, version, calibration)),
  'photos.place': (ctx, { id, version, placement }) => asUser(ctx, (w) => placePhoto(w, id, version, placement)),
  'photos.delete': (ctx, { id, version }) => asUser(ctx, async (w) => (await deletePhoto(ctx.store, w, id, version), null)),
  'photos.replace': (ctx, input) => replacePhotoFrom(ctx, input),
};

async function opened<T>(ctx: ServiceContext, entity: 'case' | 'lesion', id: string, detail: Promise<T>): Promise<T> {
  const value = await detail;
  await recordOpen(ctx, entity, id);
  return value;
}
