import type { InspectCode, Refusal } from './inspection.js';

export function refuse(code: InspectCode, message: string, detail: Record<string, string | number> = {}): Refusal {
  return { ok: false, code, message, detail };
}

/**
 * A file that starts like an ELF object but whose tables do not fit its bytes. The usual cause is
 * an interrupted copy or download, so the message says to copy or rebuild rather than to change code.
 */
export function corruptElf(reason: string, detail: Record<string, string | number> = {}): Refusal {
  return refuse(
    'not-a-binary',
    `The file is an ELF binary, but ${reason}, so it is truncated or corrupt. ` +
      'Rebuild the plugin, or copy it again if a copy or download was interrupted.',
    { kind: 'corrupt-elf', reason, ...detail },
  );
}
