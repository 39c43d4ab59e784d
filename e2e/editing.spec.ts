import { readFile, realpath, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { folderId } from '../main/workspace/workspace.js';
import { expect, focusEditorAtEnd, test } from './quire-fixture.js';

/** The visible editor text, with Monaco's non-breaking spaces turned back into spaces. */
async function editorText(page: Page): Promise<string> {
  const text = await page.locator('.monaco-editor .view-lines').first().innerText();
  return text.replace(/\u00a0/g, ' ');
}

function tab(page: Page, file: string) {
  return page.locator(`[data-testid="tab"][data-path="${file}"]`);
}

test('opens a file, types, saves, and the bytes on disk are exactly the edited text', async ({ page, workspace, openQuire }) => {
  const file = path.join(workspace, 'notes.txt');
  await writeFile(file, 'first line\n');
  await openQuire({ files: [file] });
  await expect(tab(page, file)).toBeVisible();
  await expect.poll(() => editorText(page)).toContain('first line');

  await focusEditorAtEnd(page);
  await page.keyboard.type('second line');
  await expect(tab(page, file)).toHaveAttribute('data-dirty', 'true');
  await page.keyboard.press('Control+s');
  await expect(tab(page, file)).toHaveAttribute('data-dirty', 'false');
  expect(await readFile(file, 'utf8')).toBe('first line\nsecond line');
});

test('opens a file from the quick-open path box', async ({ page, workspace, openQuire }) => {
  const file = path.join(workspace, 'picked.md');
  await writeFile(file, '# Picked\n');
  await openQuire();
  await page.keyboard.press('Control+o');
  const box = page.getByRole('dialog', { name: 'Open file' });
  await expect(box).toBeVisible();
  await box.getByRole('textbox', { name: 'File path' }).fill(file);
  await page.keyboard.press('Enter');
  await expect(tab(page, file)).toBeVisible();
  await expect.poll(() => editorText(page)).toContain('# Picked');
  await expect(page.getByTestId('status-language')).toContainText('Markdown');
});

test('a CRLF file stays CRLF and keeps its BOM when edited and saved', async ({ page, workspace, openQuire }) => {
  const file = path.join(workspace, 'windows.txt');
  const bom = Buffer.from([0xef, 0xbb, 0xbf]);
  await writeFile(file, Buffer.concat([bom, Buffer.from('alpha\r\nbeta\r\n')]));
  await openQuire({ files: [file] });
  await expect(page.getByTestId('status-eol')).toHaveText('CRLF');
  await expect(page.getByTestId('status-encoding')).toHaveText('UTF-8 with BOM');

  await focusEditorAtEnd(page);
  await page.keyboard.type('gamma');
  await page.keyboard.press('Enter');
  await page.keyboard.type('delta');
  await page.keyboard.press('Control+s');
  await expect(tab(page, file)).toHaveAttribute('data-dirty', 'false');
  const bytes = await readFile(file);
  expect(bytes.equals(Buffer.concat([bom, Buffer.from('alpha\r\nbeta\r\ngamma\r\ndelta')]))).toBe(true);
});

test('closing a dirty tab asks first; Cancel keeps it, Don\'t Save discards it and leaves the file alone', async ({ page, workspace, openQuire }) => {
  const file = path.join(workspace, 'draft.txt');
  await writeFile(file, 'saved\n');
  await openQuire({ files: [file] });
  await expect(tab(page, file)).toBeVisible();
  await focusEditorAtEnd(page);
  await page.keyboard.type('unsaved');

  await tab(page, file).getByRole('button', { name: /close/i }).click();
  const prompt = page.getByRole('alertdialog');
  await expect(prompt).toContainText('draft.txt');
  await prompt.getByRole('button', { name: 'Cancel' }).click();
  await expect(prompt).toBeHidden();
  await expect(tab(page, file)).toHaveAttribute('data-dirty', 'true');

  await tab(page, file).getByRole('button', { name: /close/i }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: "Don't Save" }).click();
  await expect(tab(page, file)).toHaveCount(0);
  expect(await readFile(file, 'utf8')).toBe('saved\n');
});

test('a file changed on disk reloads a clean buffer, and asks before touching a dirty one', async ({ page, workspace, openQuire }) => {
  const file = path.join(workspace, 'watched.txt');
  await writeFile(file, 'version one\n');
  await openQuire({ files: [file] });
  await expect.poll(() => editorText(page)).toContain('version one');

  await writeFile(file, 'version two\n');
  await expect.poll(() => editorText(page)).toContain('version two');
  await expect(tab(page, file)).toHaveAttribute('data-dirty', 'false');

  await focusEditorAtEnd(page);
  await page.keyboard.type('my edit');
  await writeFile(file, 'version three\n');
  const notice = page.getByTestId('notification').filter({ hasText: 'changed on disk' });
  await expect(notice).toBeVisible();
  expect(await editorText(page)).toContain('my edit');
  await notice.getByRole('button', { name: 'Reload' }).click();
  await expect.poll(() => editorText(page)).toContain('version three');
});

test('a binary file is refused with a clear message and nothing else changes', async ({ page, workspace, openQuire }) => {
  const text = path.join(workspace, 'ok.txt');
  const binary = path.join(workspace, 'image.png');
  await writeFile(text, 'keep me\n');
  await writeFile(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
  await openQuire({ files: [text] });
  await expect(tab(page, text)).toBeVisible();

  await page.keyboard.press('Control+o');
  await page.getByRole('textbox', { name: 'File path' }).fill(binary);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'image.png' })).toBeVisible();
  await expect(tab(page, binary)).toHaveCount(0);
  await expect(tab(page, text)).toBeVisible();
});

test('the files open at the last quit reopen on the next start', async ({ page, workspace, openQuire, startQuire }) => {
  const first = path.join(workspace, 'a.txt');
  const second = path.join(workspace, 'b.txt');
  await writeFile(first, 'A\n');
  await writeFile(second, 'B\n');
  const server = await openQuire({ files: [first, second] });
  await expect(tab(page, second)).toBeVisible();
  // The session is written shortly after the tabs change, in the workspace's own folder of the config.
  const session = path.join(workspace, '.quire-config', 'workspaces', folderId(await realpath(workspace)), 'session.json');
  await expect.poll(async () => readFile(session, 'utf8').catch(() => '')).toContain('b.txt');
  // Leave the page before stopping the server, so the browser does not log a failed reconnect.
  await page.goto('about:blank');
  server.process.kill('SIGTERM');

  const restarted = await startQuire();
  await page.goto(restarted.url);
  await expect(tab(page, first)).toBeVisible();
  await expect(tab(page, second)).toBeVisible();
});

test('requests without the token are refused', async ({ playwright, startQuire }) => {
  const server = await startQuire();
  const stranger = await playwright.request.newContext();
  const page = await stranger.get(`${server.origin}/`);
  expect(page.status()).toBe(401);
  const asset = await stranger.get(`${server.origin}/index.html`);
  expect(asset.status()).toBe(401);
  const withToken = await stranger.get(server.url, { maxRedirects: 0 });
  expect(withToken.status()).toBe(302);
  await stranger.dispose();
});
