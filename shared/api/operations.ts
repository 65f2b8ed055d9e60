/**
 * The names of every operation, and nothing else, so the sandboxed preload can build
 * its bridge from this list without bundling the schemas. contract.ts is checked
 * against it at compile time.
 */
export const OPERATION_NAMES = [
  'app.info',
  'session.status',
  'session.current',
  'session.signInChoices',
  'session.setUp',
  'session.signIn',
  'session.signOut',
  'session.lock',
  'session.changePassword',
  'users.list',
  'users.create',
  'users.setRoles',
  'users.setActive',
  'users.resetPassword',
  'settings.get',
  'settings.update',
  'settings.newRecoveryCode',
  'settings.confirmRecoveryCode',
  'settings.recoveryCodeStatus',
  'settings.mue',
  'settings.loadMueFile',
  'settings.resetMue',
  'database.current',
  'database.testConnection',
  'database.save',
  'database.copyToServer',
  'database.copyToThisComputer',
  'database.exportJoinFile',
  'database.join',
  'backup.status',
  'backup.setFolder',
  'backup.now',
  'backup.list',
  'backup.preview',
  'backup.restore',
  'patients.create',
  'patients.update',
  'patients.search',
  'cases.create',
  'cases.update',
  'cases.get',
  'cases.search',
  'cases.coding',
  'cases.setAdditionalCodes',
  'lesions.create',
  'lesions.update',
  'lesions.get',
  'lesions.setMapFacts',
  'lesions.setOutcome',
  'lesions.setRepair',
  'stages.list',
  'stages.create',
  'stages.save',
  'stages.remove',
  'stages.keepUnsaved',
  'stages.replayUnsaved',
  'stages.discardUnsaved',
  'lesions.signWarnings',
  'cases.signWarnings',
  'lesions.sign',
  'cases.sign',
  'addenda.add',
  'addenda.list',
  'worklist.list',
  'worklist.scan',
  'blocks.setStatus',
  'archive.export',
  'archive.lesions',
  'archive.import',
  'chart.export',
  'chart.check',
  'chart.note',
  'audit.list',
  'audit.search',
  'audit.exportCsv',
  'audit.verify',
  'audit.startCheck',
  'audit.record',
  'photos.list',
  'photos.add',
  'photos.picture',
  'photos.calibrate',
  'photos.place',
  'photos.delete',
  'photos.replace',
  'histology.list',
  'histology.setLab',
  'histology.setReading',
  'operativeNote.get',
  'operativeNote.save',
  'operativeNote.keepText',
  'operativeNote.setChecklist',
  'noteTemplates.get',
  'noteTemplates.save',
  'statistics.practice',
] as const;

export type OperationName = (typeof OPERATION_NAMES)[number];

/** IPC channel for an operation: one channel each, namespaced so nothing else collides. */
export const channelFor = (name: OperationName): string => `layermap:${name}`;

/** HTTP path for an operation on the test host. */
export const httpPathFor = (name: OperationName): string => `/api/${name}`;

/** Desktop only, not a data operation: Save as PDF… of the page shown (see electron/main/printing.ts). */
export const SAVE_PDF_CHANNEL = 'layermap-desktop:savePdf';
/** Desktop only: Save… of an export (CSV, JSON) the renderer made, through the save dialog, owner-only. */
export const SAVE_TEXT_CHANNEL = 'layermap-desktop:saveText';
/** Desktop only: the system's folder or file picker ('backup-folder' | 'archive-file' | 'export-folder'); the path chosen, or null. */
export const CHOOSE_PATH_CHANNEL = 'layermap-desktop:choosePath';
export const PATH_KINDS = ['backup-folder', 'archive-file', 'export-folder'] as const;
export type PathKind = (typeof PATH_KINDS)[number];
/** Desktop only: the renderer says whether the map editor has the focus (electron/main/editMenu.ts). */
export const MAP_FOCUS_CHANNEL = 'layermap-desktop:mapFocus';
/** Desktop only: the Edit menu's Undo or Redo, sent to the map editor while it has the focus. */
export const MAP_EDIT_CHANNEL = 'layermap-desktop:mapEdit';
/** Desktop only: input in the window (pointer, wheel), throttled by the renderer; keys are seen in main. */
export const ACTIVITY_CHANNEL = 'layermap-desktop:activity';
/** Desktop only: main asks the renderer to save unsaved map gestures before it locks. */
export const FLUSH_CHANNEL = 'layermap-desktop:flush';
/** Desktop only: the renderer's answer, once those saves are done. */
export const FLUSHED_CHANNEL = 'layermap-desktop:flushed';
/** Desktop only: the session is locked; the renderer drops patient views and shows the lock screen. */
export const LOCKED_CHANNEL = 'layermap-desktop:locked';
/** Desktop only: a running backup's progress ({ step, fraction }), from the store's thread through main. */
export const BACKUP_PROGRESS_CHANNEL = 'layermap-desktop:backupProgress';
/** Desktop only, clinic mode: another workstation's committed change (shared/api/storeChange.ts). */
export const STORE_CHANGED_CHANNEL = 'layermap-desktop:storeChanged';
/** Test host only, the same messages over HTTP: the page's event stream (flush, locked, backup-progress, store-changed)… */
export const HOST_EVENTS_PATH = '/host/events';
/** …its throttled input pings… */
export const HOST_ACTIVITY_PATH = '/host/activity';
/** …and its answer once unsaved map gestures are saved. */
export const HOST_FLUSHED_PATH = '/host/flushed';
/** Before the store opens (desktop): what the unlock page must ask for, and one try of it (shared/api/unlock.ts). */
export const UNLOCK_STATE_CHANNEL = 'layermap-desktop:unlockState';
export const UNLOCK_CHANNEL = 'layermap-desktop:unlock';
/** Test host only: the same, GET for the state, POST for a try. */
export const HOST_UNLOCK_PATH = '/host/unlock';
