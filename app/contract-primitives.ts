/** Small schemas shared by contract.ts and workspace-contract.ts (kept apart so neither imports the other). */
import { z } from 'zod';

export const Eol = z.enum(['LF', 'CRLF']);
export type Eol = z.infer<typeof Eol>;

export const FileStamp = z.object({
  mtimeMs: z.number(),
  size: z.number().int().nonnegative(),
});
export type FileStamp = z.infer<typeof FileStamp>;
