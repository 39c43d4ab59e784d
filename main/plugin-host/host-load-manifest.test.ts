/**
 * The plugin host process itself (dist/main/plugin-host.cjs) loading plugins whose manifest
 * and descriptor agree or not: spoken to over its fd-3 channel, with no launcher or sandbox
 * in between, so the check in host-main's load() is what is tested.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encodeJsonFrame, FrameDecoder, parseJsonFrame } from '../plugin-common/protocol/frames.js';
import type { JsonHostMessage as HostMessage } from '../plugin-common/protocol/host-message-schema.js';

import { HOST_ENTRY as HOST, requireBuild, testPlugin } from '../plugins/test-support/host-fixtures.js';

// A missing build fails loudly here rather than skipping the manifest checks in silence.
beforeAll(requireBuild);

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** Every message the host sends for one `load`, up to `ready` or `load-failed`. */
function load(file: string): Promise<HostMessage[]> {
  const child = spawn(process.execPath, [HOST, String(process.pid)], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
  children.push(child);
  const channel = child.stdio[3] as Socket;
  const messages: HostMessage[] = [];
  return new Promise((resolve, reject) => {
    const decoder = new FrameDecoder(
      (_type, frame) => {
        const message = parseJsonFrame(frame) as HostMessage;
        messages.push(message);
        if (message.type === 'hello') channel.write(encodeJsonFrame({ type: 'load', path: file }));
        if (message.type === 'ready' || message.type === 'load-failed') resolve(messages);
      },
      (problem) => reject(new Error(problem)),
    );
    channel.on('data', (chunk: Buffer) => decoder.push(chunk));
    child.on('exit', (code) => reject(new Error(`the host exited (${code}) before answering`)));
  });
}

const outcome = (messages: HostMessage[]) => messages.find((m) => m.type === 'ready' || m.type === 'load-failed');

describe('the plugin host checks the descriptor against the manifest', () => {
  it('refuses a mismatch with the differing fields, and never runs init()', async () => {
    const messages = await load(testPlugin('manifest-mismatch'));
    const failed = outcome(messages);
    expect(failed).toMatchObject({ type: 'load-failed', failure: { code: 'manifest-mismatch', detail: { fields: 'version,capabilities' } } });
    expect(messages.some((m) => m.type === 'phase' && m.phase === 'initializing')).toBe(false);
    expect(messages.some((m) => m.type === 'log' && m.message === 'init ran')).toBe(false);
  });

  it('loads a plugin whose manifest asks for what its descriptor does', async () => {
    expect(outcome(await load(testPlugin('cap-network')))).toMatchObject({ type: 'ready', descriptor: { capabilities: ['network'] } });
  });

  it('loads a 1.0 plugin (no manifest, no capabilities field)', async () => {
    expect(outcome(await load(testPlugin('abi-1-0')))).toMatchObject({ type: 'ready', descriptor: { abi: { major: 1, minor: 0 }, capabilities: [] } });
  });
});
