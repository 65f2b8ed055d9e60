import path from 'node:path';

/**
 * Where the clinic's database lives: `--db=<file>` on the command line, else the
 * LAYERMAP_DB environment variable (tests, or a clinic's chosen location), else
 * `layermap.sqlite` in the user-data folder.
 */
export function resolveDatabasePath(argv: readonly string[], env: NodeJS.ProcessEnv, userDataDir: string): string {
  const flag = argv.find((a) => a.startsWith('--db='));
  const chosen = flag ? flag.slice('--db='.length) : env.LAYERMAP_DB;
  return path.resolve(chosen && chosen.trim() !== '' ? chosen : path.join(userDataDir, 'layermap.sqlite'));
}
