/**
 * The child process of the kill test (backup-crash.test.ts): writes backups of one tab with a
 * BackupStore, one after another, printing "wrote N" after each, until it is killed.
 */
import { BackupStore } from '../backup-store.js';
import { crashBackup } from './crash-backups.js';

const [folder, first, megabytes] = process.argv.slice(2);
if (!folder || !first || !megabytes) throw new Error('usage: backup-writer FOLDER FIRST_NUMBER MEGABYTES');
const store = new BackupStore(folder);
for (let n = Number(first); ; n++) {
  const result = await store.write(crashBackup(n, Number(megabytes)));
  if (!result.ok) {
    console.error(result.error.message);
    process.exit(1);
  }
  process.stdout.write(`wrote ${n}\n`);
}
