/**
 * Issue 5's benchmark rows, measured in the browser edition with the system Chromium: a plugin
 * command from the palette until the text is updated (1 KiB and 1 MiB documents), and typing
 * into a 1 MiB CSV with its linter running on change — the longest main-thread task and the
 * time from keystroke to markers. Times are taken inside the page.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { formatDuration, median, type BenchRow } from '../../main/bench/measure.js';

/** A step that takes longer than this has failed; the bench says which instead of hanging. */
const STEP_TIMEOUT_MS = 30_000;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

async function serve(root: string, workspace: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(root, 'bin', 'quire.js'), 'serve', '--port', '0', '--config-dir', path.join(workspace, '.config'), workspace], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /Quire is running at (\S+)/.exec(chunk.toString());
      if (match) resolve(match[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`quire serve exited with ${code}`)));
  });
  return { child, url };
}

async function open(page: Page, file: string): Promise<void> {
  await page.keyboard.press('Control+o');
  await page.getByRole('textbox', { name: 'File path' }).fill(file);
  await page.keyboard.press('Enter');
  await page.locator(`[data-testid="tab"][data-path="${file}"]`).waitFor();
  await page.locator('.monaco-editor .view-lines').first().click();
}

/** Waits until the registry offers this plugin command in the palette (plugins load in the background). */
async function paletteOffers(page: Page, title: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    await page.keyboard.press('Control+Shift+P');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.getByRole('textbox').fill(title);
    const found = await palette.getByRole('option', { name: new RegExp(title) }).count();
    await page.keyboard.press('Escape');
    if (found > 0) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`the palette never offered "${title}"`);
}

/** What ends a measurement: a line of the editor starting with `text`, or a lint squiggle. */
type Until = { text: string } | { marker: true };

/**
 * Arms a clock in the page: it starts at the next keydown (only `startKey` when given) and stops
 * at the first DOM change where `until` holds. Armed before the key is pressed, so no race.
 */
async function arm(page: Page, until: Until, startKey?: string): Promise<void> {
  await page.evaluate(
    ({ until, startKey, timeoutMs }) => {
      const holder = window as unknown as { benchClock?: Promise<number> };
      holder.benchClock = new Promise<number>((resolve, reject) => {
        let started = 0;
        const onKey = (event: KeyboardEvent) => {
          if (startKey && event.key !== startKey) return;
          started = performance.now();
          window.removeEventListener('keydown', onKey, { capture: true });
        };
        window.addEventListener('keydown', onKey, { capture: true });
        const editor = document.querySelector('.monaco-editor') as Element;
        const holds = () =>
          'text' in until
            ? Array.from(editor.querySelectorAll('.view-line')).some((line) => (line.textContent ?? '').replace(/\u00a0/g, ' ').startsWith(until.text))
            : editor.querySelector('.squiggly-error') !== null;
        const observer = new MutationObserver(() => {
          if (started && holds()) {
            observer.disconnect();
            resolve(performance.now() - started);
          }
        });
        observer.observe(editor, { subtree: true, childList: true, characterData: true, attributes: true });
        setTimeout(() => {
          observer.disconnect();
          reject(new Error('text' in until ? `the text never showed "${until.text}" within ${timeoutMs} ms` : `no lint marker appeared within ${timeoutMs} ms`));
        }, timeoutMs);
      });
    },
    { until, startKey, timeoutMs: STEP_TIMEOUT_MS },
  );
}

async function readClock(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { benchClock: Promise<number> }).benchClock);
}

/** From the Enter that runs the command to the first line showing `expected`, timed in the page. */
async function timeCommand(page: Page, title: string, expected: string): Promise<number> {
  await page.keyboard.press('Control+Shift+P');
  await page.getByRole('dialog', { name: 'Command palette' }).getByRole('textbox').fill(title);
  await arm(page, { text: expected }, 'Enter');
  await page.keyboard.press('Enter');
  return readClock(page);
}

/**
 * The same plugin call as the palette makes, sent raw over the browser edition's WebSocket: no
 * editor, no UI. It uses the app's wire format (app/wire-frame.ts, written out here because
 * this runs inside the page): the document text goes out as raw UTF-8 in a binary frame, and
 * the answer's text is read back into a string, as the app's transport does.
 */
async function timeRawCall(page: Page, handler: string, text: string): Promise<number> {
  return page.evaluate(
    ({ handler, text, timeoutMs }) =>
      new Promise<number>((resolve, reject) => {
        const socket = new WebSocket(`ws://${location.host}/api`);
        socket.binaryType = 'arraybuffer';
        const encoder = new TextEncoder();
        const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
        const readReply = (data: unknown): { id?: number; ok?: boolean; texts: string[] } => {
          if (typeof data === 'string') return { ...(JSON.parse(data) as object), texts: [] };
          const bytes = new Uint8Array(data as ArrayBuffer);
          const envelopeEnd = 4 + new DataView(bytes.buffer).getUint32(0, true);
          const envelope = JSON.parse(decoder.decode(bytes.subarray(4, envelopeEnd))) as { message: object; texts: [unknown, number][] };
          let offset = envelopeEnd;
          const texts = envelope.texts.map(([, length]) => decoder.decode(bytes.subarray(offset, (offset += length))));
          return { ...envelope.message, texts };
        };
        socket.onopen = () => {
          const started = performance.now();
          socket.onmessage = (event) => {
            const reply = readReply(event.data);
            if (reply.id !== 1) return;
            const elapsed = performance.now() - started;
            socket.close();
            if (reply.ok && reply.texts.length === 1) resolve(elapsed);
            else reject(new Error(`plugins.call failed: ${JSON.stringify(reply).slice(0, 300)}`));
          };
          const textBytes = encoder.encode(text);
          const document = { text: null, languageId: 'plaintext', path: '', selections: [{ start: 0, end: 0, active: 0 }] };
          const message = { id: 1, method: 'plugins.call', params: { pluginId: 'dev.quire.text-tools', kind: 'command', handler, document, coalesceKey: null } };
          const envelope = encoder.encode(JSON.stringify({ message, texts: [[['params', 'document', 'text'], textBytes.byteLength]] }));
          const frame = new Uint8Array(4 + envelope.byteLength + textBytes.byteLength);
          new DataView(frame.buffer).setUint32(0, envelope.byteLength, true);
          frame.set(envelope, 4);
          frame.set(textBytes, 4 + envelope.byteLength);
          socket.send(frame);
        };
        setTimeout(() => reject(new Error(`plugins.call gave no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    { handler, text, timeoutMs: STEP_TIMEOUT_MS },
  );
}

/** The 1 MiB palette row's target: Enter → text shown within this multiple of the raw call. */
const PALETTE_TARGET_RATIO = 1.5;

async function commandLatency(page: Page, workspace: string, label: string, size: number, targetRatio: number | null): Promise<BenchRow> {
  const file = path.join(workspace, `doc-${size}.txt`);
  const line = 'the quick brown fox jumps over the lazy dog\n';
  const text = line.repeat(Math.ceil(size / line.length)).slice(0, size);
  writeFileSync(file, text);
  await open(page, file);
  const samples: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < 8; i++) {
    samples.push(await timeCommand(page, 'Uppercase', 'THE QUICK'));
    samples.push(await timeCommand(page, 'Lowercase', 'the quick'));
    raw.push(await timeRawCall(page, 'uppercase', text));
    raw.push(await timeRawCall(page, 'lowercase', text.toUpperCase()));
  }
  const [app, rawCall] = [median(samples), median(raw)];
  return {
    name: `Plugin command from the palette, ${label} document (p50)`,
    result: `${formatDuration(app)} (Enter → text shown, ${(app / rawCall).toFixed(2)}×)`,
    baseline: `${formatDuration(rawCall)} raw plugins.call over the WebSocket (binary frames)`,
    target: targetRatio === null ? '—' : `≤ ${targetRatio}× raw`,
    met: targetRatio === null ? null : app <= targetRatio * rawCall,
  };
}

/**
 * Starts a probe in the page: a chain of 0 ms timers (clamped to ~4 ms by the browser) whose
 * longest gap is the longest stretch the main thread was busy with something else.
 */
async function startBusyProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const probe = window as unknown as { probeLongest: number; probeRunning: boolean };
    probe.probeLongest = 0;
    probe.probeRunning = true;
    let last = performance.now();
    const tick = () => {
      const now = performance.now();
      probe.probeLongest = Math.max(probe.probeLongest, now - last);
      last = now;
      if (probe.probeRunning) setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
  });
}

async function stopBusyProbe(page: Page): Promise<number> {
  return page.evaluate(() => {
    const probe = window as unknown as { probeLongest: number; probeRunning: boolean };
    probe.probeRunning = false;
    return probe.probeLongest;
  });
}

/** Opens `name` (1 MiB of CSV rows) with the caret at the end of line 2. */
async function openBigRows(page: Page, workspace: string, name: string): Promise<void> {
  const file = path.join(workspace, name);
  const row = 'alpha,beta,gamma,delta\n';
  writeFileSync(file, row.repeat(Math.ceil((1024 * 1024) / row.length)));
  await open(page, file);
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.waitForTimeout(1000);
}

/**
 * Types ",x" and deletes it again, `rounds` times, under the busy probe; after each ",x" waits
 * for `settled` (the lint marker, or a moment when there is no linter). The first round warms
 * up what Monaco builds lazily on the first edit (bracket pair colorization's parse of the
 * whole text, ~80 ms for 1 MiB, in plain text too) and is not counted.
 */
async function typeRounds(page: Page, rounds: number, settled: () => Promise<void>): Promise<number> {
  for (let round = 0; round <= rounds; round++) {
    if (round === 1) await startBusyProbe(page);
    await page.keyboard.type(',x', { delay: 30 });
    await settled();
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.waitForTimeout(400);
  }
  return stopBusyProbe(page);
}

async function lintWhileTyping(page: Page, workspace: string): Promise<BenchRow[]> {
  const rounds = 5;
  await openBigRows(page, workspace, 'big.txt');
  const plain = await typeRounds(page, rounds, () => page.waitForTimeout(400));
  await openBigRows(page, workspace, 'big.csv');
  const toMarkers: number[] = [];
  const longest = await typeRounds(page, rounds, async () => {
    await page.locator('.squiggly-error').first().waitFor();
  });
  for (let round = 0; round < rounds; round++) {
    await arm(page, { marker: true });
    await page.keyboard.type(',x');
    toMarkers.push(await readClock(page));
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.locator('.squiggly-error').first().waitFor({ state: 'detached' });
  }
  return [
    {
      name: 'Typing in a 1 MiB CSV, lint on change: longest main-thread task',
      result: formatDuration(longest),
      baseline: `${formatDuration(plain)} same typing, same bytes as plain text`,
      target: '< 50 ms',
      met: longest < 50,
    },
    {
      name: 'Typing in a 1 MiB CSV: keystroke → lint markers (p50)',
      result: formatDuration(median(toMarkers)),
      baseline: 'includes the 300 ms linter debounce',
      target: '—',
      met: null,
    },
  ];
}

export async function rendererBenchmarks(root: string, chromiumPath: string): Promise<BenchRow[]> {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'quire-bench-renderer-'));
  const { child, url } = await serve(root, workspace);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.getByRole('status').waitFor();
    await paletteOffers(page, 'Uppercase');
    return [
      await commandLatency(page, workspace, '1 KiB', 1024, null),
      await commandLatency(page, workspace, '1 MiB', 1024 * 1024, PALETTE_TARGET_RATIO),
      ...(await lintWhileTyping(page, workspace)),
    ];
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(workspace, { recursive: true, force: true });
  }
}
