/**
 * The real `minisign` program, for tests: keys and signatures made by the tool plugin authors
 * use, so the verifier is tested against minisign's own output rather than against itself.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import path from 'node:path';

export const MINISIGN = process.env.QUIRE_MINISIGN ?? 'minisign';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..', '..');
/** A real plugin built by `npm run build`; any bytes would do, but these are what Quire signs in practice. */
export const OK_BASIC = path.join(ROOT, 'dist', 'test-plugins', 'ok-basic.so');

/** Fails with the fix in the message when minisign is missing, rather than every test failing obscurely. */
export function requireMinisign(): void {
  const probe = spawnSync(MINISIGN, ['-v'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      `The trust tests need the minisign program, and \`${MINISIGN} -v\` failed (${probe.error?.message ?? `exit ${probe.status}`}). ` +
        'Install it (`apt-get install minisign` on Debian; CI installs it), or set QUIRE_MINISIGN to its path.',
    );
  }
}

export interface KeyPair {
  publicKeyFile: string;
  secretKeyFile: string;
}

/** A key pair without a password (-W), in `dir` as NAME.pub and NAME.key. */
export function generateKeyPair(dir: string, name: string): KeyPair {
  const publicKeyFile = path.join(dir, `${name}.pub`);
  const secretKeyFile = path.join(dir, `${name}.key`);
  execFileSync(MINISIGN, ['-G', '-W', '-p', publicKeyFile, '-s', secretKeyFile], { stdio: 'pipe' });
  return { publicKeyFile, secretKeyFile };
}

/** Signs `file` (pre-hashed, or legacy with `legacy`), writing `file.minisig`. */
export function sign(file: string, keys: KeyPair, trustedComment: string, legacy = false): string {
  const args = ['-S', ...(legacy ? ['-l'] : []), '-s', keys.secretKeyFile, '-m', file, '-t', trustedComment];
  execFileSync(MINISIGN, args, { stdio: 'pipe' });
  return `${file}.minisig`;
}

/** Whether minisign itself accepts the signature: the verdict ours must agree with. */
export function minisignVerifies(file: string, publicKeyFile: string, signatureFile = `${file}.minisig`): boolean {
  return spawnSync(MINISIGN, ['-V', '-q', '-p', publicKeyFile, '-x', signatureFile, '-m', file]).status === 0;
}

/**
 * The key id minisign prints for a signature: verifying with another key makes it say
 * "Signature key id in FILE is XXXXXXXXXXXXXXXX".
 */
export function keyIdMinisignPrints(file: string, otherPublicKeyFile: string): string {
  const run = spawnSync(MINISIGN, ['-V', '-p', otherPublicKeyFile, '-m', file], { encoding: 'utf8' });
  const match = /Signature key id in .* is ([0-9A-F]{1,16})\n/.exec(`${run.stdout}${run.stderr}`);
  if (!match) throw new Error(`minisign did not print a key id: ${run.stdout}${run.stderr}`);
  return match[1]!;
}

export function copyPlugin(destination: string): string {
  copyFileSync(OK_BASIC, destination);
  return destination;
}
