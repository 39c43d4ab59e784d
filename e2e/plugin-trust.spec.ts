import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { expect, test } from './quire-fixture.js';
import { pluginsFolderWith, TEST_PLUGINS } from './test-plugin-files.js';

const run = promisify(execFile);

/** A minisign key pair made by the real `minisign` tool, as a plugin author would. */
interface SigningKey {
  /** The `.pub` file's text: what goes into the config folder's trusted-keys. */
  publicKey: string;
  secretKeyPath: string;
  /** As `minisign -V` prints it, and as Quire names the signer. */
  keyId: string;
}

async function makeSigningKey(dir: string, name: string): Promise<SigningKey> {
  await mkdir(dir, { recursive: true });
  const publicKeyPath = path.join(dir, `${name}.pub`);
  const secretKeyPath = path.join(dir, `${name}.key`);
  // -W: no password, so signing needs no terminal.
  await run('minisign', ['-G', '-W', '-p', publicKeyPath, '-s', secretKeyPath]);
  const publicKey = await readFile(publicKeyPath, 'utf8');
  return { publicKey, secretKeyPath, keyId: keyIdOf(publicKey) };
}

/**
 * The key id as minisign itself prints it, from the comment it writes atop the public key
 * (uppercase hex without leading zeros, so one key in sixteen has fewer than 16 digits).
 */
function keyIdOf(publicKey: string): string {
  const match = /^untrusted comment: minisign public key ([0-9A-F]{1,16})\n/.exec(publicKey);
  if (!match?.[1]) throw new Error(`not a minisign public key:\n${publicKey}`);
  return match[1];
}

/** Writes `file.minisig` beside `file`. */
async function sign(key: SigningKey, file: string, trustedComment: string): Promise<void> {
  await run('minisign', ['-S', '-s', key.secretKeyPath, '-m', file, '-t', trustedComment]);
}

async function sha256Of(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}

/** Changes one letter inside the plugin's log text: the file still loads, its signature no longer matches. */
async function tamperWith(file: string): Promise<void> {
  const bytes = await readFile(file);
  const at = bytes.indexOf('ok-basic ready');
  if (at < 0) throw new Error(`${file} does not hold the text this test changes`);
  bytes[at] = 'O'.charCodeAt(0);
  await writeFile(file, bytes);
}

function consentPrompts(page: Page) {
  return page.getByTestId('notification').filter({ hasText: /^Allow plugin / });
}

function pluginEntry(page: Page, file: string) {
  return page.getByTestId('plugins-panel').locator(`[data-testid="plugin-entry"][data-file="${file}"]`);
}

async function showPluginsPanel(page: Page): Promise<void> {
  const tab = page.getByRole('tab', { name: 'Plugins' });
  if (!(await tab.isVisible())) await page.keyboard.press('Control+j');
  await tab.click();
  await expect(page.getByTestId('plugins-panel')).toBeVisible();
}

/** The palette's options for `query`, the palette left open (Escape closes it). */
async function paletteOptions(page: Page, query: string) {
  await page.keyboard.press('Control+Shift+P');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  const input = palette.getByRole('textbox', { name: 'Command' });
  await input.fill(query);
  await expect(input).toHaveValue(query);
  return palette.getByRole('option');
}

async function closePalette(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Command palette' })).toBeHidden();
}

/** A plain text document, so plugin commands have something to act on. */
async function openWithDocument(workspace: string): Promise<string> {
  const file = path.join(workspace, 'notes.txt');
  await writeFile(file, 'hello\n');
  return file;
}

test('under "ask" a new plugin asks first; Deny keeps it from running, and Allow in the panel loads it', async ({ page, workspace, openQuire }) => {
  const pluginsDir = await pluginsFolderWith(workspace, 'ok-basic');
  const hash = await sha256Of(path.join(pluginsDir, 'ok-basic.so'));
  const file = await openWithDocument(workspace);
  await openQuire({ files: [file], pluginsDir, trustPlugins: 'ask' });

  const prompt = consentPrompts(page);
  await expect(prompt).toHaveCount(1, { timeout: 15_000 });
  await expect(prompt).toContainText('Allow plugin OK Basic (dev.quire.test.ok-basic) 1.0.0?');
  await expect(prompt).toContainText(`File ok-basic.so · SHA-256 ${hash.slice(0, 12)}`);
  await expect(prompt).toContainText('Not signed');
  await expect(prompt).toContainText('No extra capabilities — it runs sandboxed.');
  await expect(prompt.getByRole('button', { name: /^(Allow|Deny|Details)$/ })).toHaveText(['Allow', 'Deny', 'Details']);
  await page.screenshot({ path: 'test-results/consent-notification.png' });
  // Not run yet: none of its commands are offered.
  await expect((await paletteOptions(page, 'OK Basic: Echo')).filter({ hasText: 'OK Basic: Echo' })).toHaveCount(0);
  await closePalette(page);

  await prompt.getByRole('button', { name: 'Deny' }).click();
  await showPluginsPanel(page);
  const entry = pluginEntry(page, 'ok-basic.so');
  await expect(entry).toHaveAttribute('data-state', 'denied');
  await expect(entry.getByTestId('plugin-failure')).toContainText('denied');
  await expect(entry.getByTestId('plugin-trust')).toHaveText('denied by you');
  await expect(entry.getByRole('button', { name: 'Deny', exact: true })).toHaveCount(0);
  await expect(consentPrompts(page)).toHaveCount(0);
  await expect((await paletteOptions(page, 'OK Basic: Echo')).filter({ hasText: 'OK Basic: Echo' })).toHaveCount(0);
  await closePalette(page);
  await entry.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/consent-denied.png' });

  // Changed their mind: the denied file can be allowed from its row.
  await entry.getByRole('button', { name: 'Allow', exact: true }).click();
  await expect(entry).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
  await expect(entry.getByTestId('plugin-trust')).toHaveText('allowed by you');
  await expect((await paletteOptions(page, 'OK Basic: Echo')).first()).toContainText('OK Basic: Echo');
  await closePalette(page);
});

test('Allow in the notification loads the plugin; one that asks for the network says so before it runs', async ({ page, workspace, openQuire }) => {
  const pluginsDir = await pluginsFolderWith(workspace, 'ok-basic', 'hostile-network-granted');
  const file = await openWithDocument(workspace);
  await openQuire({ files: [file], pluginsDir, trustPlugins: 'ask' });

  // One prompt per plugin file.
  await expect(consentPrompts(page)).toHaveCount(2, { timeout: 15_000 });
  const networked = consentPrompts(page).filter({ hasText: 'dev.quire.test.hostile-network-granted' });
  await expect(networked).toContainText('Allow plugin Hostile Network (granted) (dev.quire.test.hostile-network-granted) 1.0.0?');
  await expect(networked).toContainText('It asks to use the network.');

  const okBasic = consentPrompts(page).filter({ hasText: 'dev.quire.test.ok-basic' });
  await okBasic.getByRole('button', { name: 'Allow' }).click();
  await expect(page.getByTestId('notification').filter({ hasText: 'OK Basic loaded:' })).toHaveCount(1, { timeout: 15_000 });
  await expect((await paletteOptions(page, 'OK Basic: Echo')).first()).toContainText('OK Basic: Echo');
  await closePalette(page);
  // The other question is still waiting for its own answer.
  await expect(consentPrompts(page)).toHaveCount(1);

  await networked.getByRole('button', { name: 'Allow' }).click();
  await showPluginsPanel(page);
  const entry = pluginEntry(page, 'hostile-network-granted.so');
  await expect(entry).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
  await expect(entry.getByTestId('plugin-capabilities')).toHaveText('use the network');
  await expect(entry.getByTestId('plugin-sandbox')).toHaveText(/^sandboxed: Landlock \d+, seccomp, .*; may use the network$/);
});

test('Details opens the Plugins panel on the waiting plugin, whose Allow the keyboard reaches', async ({ page, workspace, openQuire }) => {
  const pluginsDir = await pluginsFolderWith(workspace, 'ok-basic');
  await openQuire({ pluginsDir, trustPlugins: 'ask' });

  const prompt = consentPrompts(page);
  await expect(prompt).toHaveCount(1, { timeout: 15_000 });
  await prompt.getByRole('button', { name: 'Details' }).click();
  const entry = pluginEntry(page, 'ok-basic.so');
  await expect(entry).toBeFocused();
  await expect(entry).toHaveAttribute('data-state', 'awaiting-consent');
  await expect(entry.getByTestId('plugin-state')).toHaveText('awaiting consent');
  await expect(entry.getByTestId('plugin-failure')).toContainText('awaiting-consent');
  await expect(entry.getByTestId('plugin-trust')).toHaveText('waiting for you to allow or deny it');
  await expect(entry.getByTestId('plugin-capabilities')).toHaveText('none');
  await expect(page.getByTestId('plugins-waiting')).toContainText('1 plugin file is waiting for your decision');
  await page.screenshot({ path: 'test-results/consent-panel.png' });

  await page.keyboard.press('Tab');
  await expect(entry.getByRole('button', { name: 'Allow', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(entry).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
  // The answered row keeps the focus its vanished button had.
  await expect(entry).toBeFocused();
  await expect(page.getByTestId('plugins-waiting')).toHaveCount(0);
});

test('a plugin file added while Quire runs asks then, and its question goes away with the file', async ({ page, workspace, openQuire }) => {
  const pluginsDir = path.join(workspace, 'plugins');
  await mkdir(pluginsDir);
  await openQuire({ pluginsDir, trustPlugins: 'ask' });
  await expect(page.getByTestId('notification')).toHaveCount(0);

  // Copied beside, then renamed in: the watcher sees a whole file appear.
  await copyFile(path.join(TEST_PLUGINS, 'ok-basic.so'), path.join(workspace, 'ok-basic.so'));
  await rename(path.join(workspace, 'ok-basic.so'), path.join(pluginsDir, 'ok-basic.so'));
  await expect(consentPrompts(page)).toHaveCount(1, { timeout: 15_000 });
  await expect(consentPrompts(page)).toContainText('OK Basic (dev.quire.test.ok-basic)');

  await rm(path.join(pluginsDir, 'ok-basic.so'));
  await expect(page.getByTestId('notification').filter({ hasText: /^OK Basic removed$/ })).toHaveCount(1, { timeout: 15_000 });
  await expect(consentPrompts(page)).toHaveCount(0);
});

test('a plugin signed by a trusted key loads under "ask" without a prompt, and the panel names its signer', async ({ page, workspace, openQuire }) => {
  const key = await makeSigningKey(path.join(workspace, 'keys'), 'author');
  const pluginsDir = await pluginsFolderWith(workspace, 'ok-basic');
  await sign(key, path.join(pluginsDir, 'ok-basic.so'), 'Quire e2e signer');
  await openQuire({ pluginsDir, trustPlugins: 'ask', configFiles: { 'trusted-keys/author.pub': key.publicKey } });

  await showPluginsPanel(page);
  const entry = pluginEntry(page, 'ok-basic.so');
  await expect(entry).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
  await expect(entry.getByTestId('plugin-trust')).toHaveText(`signed by ${key.keyId} "Quire e2e signer"`);
  await expect(entry.getByTestId('plugin-signer')).toHaveText(`${key.keyId} "Quire e2e signer" — in your trusted keys`);
  await expect(consentPrompts(page)).toHaveCount(0);
  await entry.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/plugin-signed.png' });
});

test('a tampered file and a signature by an unknown key are refused with bad-signature, naming the key', async ({ page, workspace, openQuire }) => {
  const trusted = await makeSigningKey(path.join(workspace, 'keys'), 'trusted');
  const stranger = await makeSigningKey(path.join(workspace, 'keys'), 'stranger');
  const pluginsDir = path.join(workspace, 'plugins');
  await mkdir(pluginsDir);
  const tampered = path.join(pluginsDir, 'tampered.so');
  await copyFile(path.join(TEST_PLUGINS, 'ok-basic.so'), tampered);
  await sign(trusted, tampered, 'signed, then changed');
  await tamperWith(tampered);
  const foreign = path.join(pluginsDir, 'foreign.so');
  await copyFile(path.join(TEST_PLUGINS, 'ok-basic.so'), foreign);
  await sign(stranger, foreign, 'a key nobody trusts');
  await openQuire({ pluginsDir, trustPlugins: 'ask', configFiles: { 'trusted-keys/trusted.pub': trusted.publicKey } });

  await showPluginsPanel(page);
  for (const [file, keyId] of [
    ['tampered.so', trusted.keyId],
    ['foreign.so', stranger.keyId],
  ] as const) {
    const entry = pluginEntry(page, file);
    // Its trust, not its state, is the refusal (main may call the file failed or refused).
    await expect(entry.getByTestId('plugin-trust')).toHaveText('refused (bad-signature)', { timeout: 15_000 });
    await expect(entry.getByTestId('plugin-failure')).toContainText('bad-signature');
    await expect(entry.getByTestId('plugin-failure')).toContainText(keyId);
    await expect(entry.getByTestId('plugin-signer')).toContainText(keyId);
    await expect(entry).not.toHaveAttribute('data-state', 'ready');
    // Refused outright: nothing in its row would run it.
    await expect(entry.getByRole('button', { name: 'Allow', exact: true })).toHaveCount(0);
  }
  await expect(consentPrompts(page)).toHaveCount(0);
  await pluginEntry(page, 'tampered.so').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/plugin-bad-signature.png' });
});

test('settings.json\'s "signed-only" refuses an unsigned plugin without asking', async ({ page, workspace, openQuire }) => {
  const pluginsDir = await pluginsFolderWith(workspace, 'ok-basic');
  // No --trust-plugins: the config folder's settings decide.
  await openQuire({ pluginsDir, trustPlugins: null, configFiles: { 'settings.json': JSON.stringify({ 'plugins.trust': 'signed-only' }) } });

  await showPluginsPanel(page);
  const entry = pluginEntry(page, 'ok-basic.so');
  await expect(entry.getByTestId('plugin-trust')).toHaveText('refused (untrusted)', { timeout: 15_000 });
  await expect(entry.getByTestId('plugin-failure')).toContainText('untrusted');
  await expect(entry).not.toHaveAttribute('data-state', 'ready');
  await expect(consentPrompts(page)).toHaveCount(0);
  // Bundled plugins are Quire's own and run whatever the mode.
  await expect(pluginEntry(page, 'csv.so')).toHaveAttribute('data-state', 'ready');
});

test('every plugin row shows its trust, signer, capabilities and sandbox', async ({ page, workspace, openQuire }) => {
  const pluginsDir = await pluginsFolderWith(workspace, 'ok-basic');
  const hash = await sha256Of(path.join(pluginsDir, 'ok-basic.so'));
  await openQuire({ pluginsDir });

  await showPluginsPanel(page);
  const okBasic = pluginEntry(page, 'ok-basic.so');
  await expect(okBasic).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
  await expect(okBasic.getByTestId('plugin-sha256')).toHaveText(`${hash.slice(0, 12)}…`);
  await expect(okBasic.getByTestId('plugin-trust')).toHaveText('all plugins trusted (plugins.trust is "all")');
  await expect(okBasic.getByTestId('plugin-signer')).toHaveText('not signed');
  await expect(okBasic.getByTestId('plugin-capabilities')).toHaveText('none');
  // This machine has Landlock and seccomp; the memory limit is settings.json's default, 1 GiB.
  await expect(okBasic.getByTestId('plugin-sandbox')).toHaveText(/^sandboxed: Landlock \d+, seccomp, memory limit 1 GiB$/);

  const csv = pluginEntry(page, 'csv.so');
  await expect(csv).toHaveAttribute('data-state', 'ready');
  await expect(csv.getByTestId('plugin-trust')).toHaveText('bundled with Quire');
  await expect(csv.getByTestId('plugin-sandbox')).toHaveText(/^sandboxed: Landlock \d+, seccomp/);
  await okBasic.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/plugins-panel-trust.png' });
});
