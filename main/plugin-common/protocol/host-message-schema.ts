/** The schema main checks every host message against before acting on it. */
import { z } from 'zod';
import { PLUGIN_CAPABILITIES, PLUGIN_FAILURE_CODES } from '../../../app/plugin-contract.js';

const text = (max: number) => z.string().max(max);
const offset = z.number().int().nonnegative();
const failure = z.object({
  code: z.enum(PLUGIN_FAILURE_CODES),
  message: text(16 * 1024),
  detail: z.record(z.string(), z.union([z.string().max(16 * 1024), z.number()])).optional(),
});
const timings = z.object({ inspectMs: z.number(), dlopenMs: z.number(), initMs: z.number() });

const descriptor = z.object({
  id: text(4096),
  name: text(4096),
  version: text(4096),
  description: text(4096),
  abi: z.object({ major: z.number().int(), minor: z.number().int() }),
  capabilities: z.array(z.enum(PLUGIN_CAPABILITIES)).max(PLUGIN_CAPABILITIES.length),
  commands: z.array(z.object({ id: text(64), title: text(4096), keybinding: text(4096).nullable() })).max(256),
  formats: z
    .array(
      z.object({
        id: text(64),
        name: text(4096),
        extensions: z.array(text(4096)).max(64),
        filenames: z.array(text(4096)).max(64),
        monarch: z.record(z.string(), z.unknown()).nullable(),
        hasFormatter: z.boolean(),
      }),
    )
    .max(64),
  linters: z
    .array(
      z.object({
        id: text(64),
        name: text(4096),
        languages: z.array(text(64)).max(64),
        onSave: z.boolean(),
        onChange: z.boolean(),
      }),
    )
    .max(64),
});

/** Messages a host sends. A `result` whose `hasText` is true carries the text as the frame body. */
export const HostMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    protocol: z.number().int(),
    pid: z.number().int(),
    /** Landlock as the sandbox launcher left it (an ABI number, `unavailable: why`, or `off`); seccomp as the host applied it (`applied`, `failed: why`, `off`). */
    sandbox: z.object({ landlock: text(512), seccomp: text(512) }),
  }),
  z.object({ type: z.literal('phase'), phase: z.enum(['inspecting', 'loading', 'initializing']) }),
  z.object({ type: z.literal('ready'), descriptor, timings }),
  z.object({ type: z.literal('load-failed'), failure }),
  z.object({ type: z.literal('log'), level: z.enum(['debug', 'info', 'warning', 'error']), message: text(16 * 1024) }),
  z.object({
    type: z.literal('result'),
    id: z.number().int(),
    outcome: z.discriminatedUnion('ok', [
      z.object({
        ok: z.literal(true),
        message: text(16 * 1024).nullable(),
        hasText: z.boolean(),
        edits: z.array(z.object({ start: offset, end: offset, text: z.string() })).max(100_000),
        diagnostics: z
          .array(
            z.object({
              start: offset,
              end: offset,
              severity: z.enum(['error', 'warning', 'info', 'hint']),
              message: text(16 * 1024),
              code: text(256).nullable(),
            }),
          )
          .max(100_000),
      }),
      z.object({ ok: z.literal(false), failure }),
    ]),
  }),
]);
export type HostMessage = z.infer<typeof HostMessage>;
