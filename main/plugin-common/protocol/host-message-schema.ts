/** The schema main checks every JSON message from a host against before acting on it. */
import { z } from 'zod';
import { LoadTimings, PluginDescriptor, PluginFailure } from '../../../app/plugin-schemas.js';

const text = (max: number) => z.string().max(max);
// Declared once in app/, with the header's bounds: what the contract sends on to the renderer.
const failure = PluginFailure;
const timings = LoadTimings;
const descriptor = PluginDescriptor;

/** Messages a host sends as JSON frames; a call's answer is a binary frame (call-frames.ts). */
export const JsonHostMessage = z.discriminatedUnion('type', [
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
]);
export type JsonHostMessage = z.infer<typeof JsonHostMessage>;
