import { randomBytes } from 'node:crypto';
import fs from 'node:fs';

/**
 * A key kept as hex in a file of its own, owner-only, made on first use ('wx': never over a file
 * that is there). What is there is parsed, never replaced: a new key would orphan what the old
 * one protects (the audit chain, the encrypted database).
 */
export function loadHexKeyFile<K>(file: string, bytes: number, parse: (text: string, where: string) => K): K {
  try {
    const fd = fs.openSync(file, 'wx', 0o600);
    try {
      fs.writeSync(fd, randomBytes(bytes).toString('hex'));
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    if ((e as { code?: string }).code !== 'EEXIST') throw e;
  }
  return parse(fs.readFileSync(file, 'utf8'), file);
}
