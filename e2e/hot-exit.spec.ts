/**
 * Hot exit in the browser edition, with the real `quire serve`: unsaved text (a file's and an
 * untitled tab's) survives `kill -9` of the server byte for byte, with its cursor and language;
 * a file changed on disk meanwhile is never overwritten without asking; an unreadable backup is
 * reported and kept; and closing the page keeps the text without asking (hot exit on) or asks
 * and drops it (hot exit off).
 */
import { readdir, readFile, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, focusEditorAtEnd, test, type QuireServer } from './quire-fixture.js';

const fileTab = (page: Page, file: string) => page.locator(`[data-testid="tab"][data-path="${file}"]`);
const untitledTab = (page: Page, name: string) => page.getByRole('tab', { name: new RegExp(`^${name}\\b`) });

/** Every hot-exit backup file Quire keeps for any workspace in this config folder. */
async function backupFiles(configDir: string): Promise<string[]> {
  const root = path.join(configDir, 'Backups');
  const folders = await readdir(root).catch(() => [] as string[]);
  const files: string[] = [];
  for (const folder of folders) {
    const names = await readdir(path.join(root, folder)).catch(() => [] as string[]);
    files.push(...names.filter((name) => name.endsWith('.backup')).map((name) => path.join(root, folder, name)));
  }
  return files;
}

/** What a backup on disk must hold: exactly this text, and this language if given. */
type Expected = string | { text: string; languageId: string };

/** Waits until the backups on disk hold each of `expected` (polling the disk: no sleeping). */
async function waitForBackups(configDir: string, expected: Expected[]): Promise<string[]> {
  let files: string[] = [];
  await expect
    .poll(
      async () => {
        files = await backupFiles(configDir);
        const contents = await Promise.all(files.map((file) => readFile(file, 'utf8').catch(() => '')));
        return expected.every((wanted) => {
          const { text, languageId } = typeof wanted === 'string' ? { text: wanted, languageId: null } : wanted;
          // A backup is one header line, then exactly the text.
          return contents.some((content) => content.endsWith(`\n${text}`) && (languageId === null || content.includes(`"languageId":"${languageId}"`)));
        });
      },
      { timeout: 10_000, intervals: [50] },
    )
    .toBe(true);
  return files;
}

async function killHard(server: QuireServer): Promise<void> {
  const child: ChildProcess = server.process;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}

/** Leaves the page of a server that is gone, before it starts logging failed reconnects. */
async function leaveDeadPage(page: Page): Promise<void> {
  const accept = (dialog: { accept(): Promise<void> }) => void dialog.accept();
  page.on('dialog', accept);
  await page.goto('about:blank');
  page.off('dialog', accept);
}

async function runFromPalette(page: Page, query: string): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('textbox', { name: 'Command' }).fill(query);
  await expect(palette.getByRole('option').first()).toContainText(query);
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
}

async function setLanguage(page: Page, language: string): Promise<void> {
  await runFromPalette(page, 'Change Language Mode');
  const picker = page.getByRole('dialog', { name: 'Select language mode' });
  await picker.getByRole('textbox', { name: 'Language' }).fill(language);
  await expect(picker.getByRole('option').first()).toContainText(language);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-language')).toHaveText(language);
}

/** The visible editor text, with Monaco's non-breaking spaces turned back into spaces. */
async function editorText(page: Page): Promise<string> {
  return (await page.locator('.monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
}

/** A second page on `url`, whose console and page errors are collected like the fixture's page. */
async function otherPage(context: BrowserContext, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await expect(page.getByRole('status')).toBeVisible();
  return { page, errors };
}

test('unsaved text in a file and an untitled tab survives kill -9 of quire serve, byte for byte, with cursor and language', async ({ page, workspace, openQuire }) => {
  const file = path.join(workspace, 'notes.txt');
  await writeFile(file, 'alpha\r\nbeta\r\n');
  const first = await openQuire({ files: [file] });
  await expect(fileTab(page, file)).toBeVisible();
  await expect(page.getByTestId('status-eol')).toHaveText('CRLF');

  await focusEditorAtEnd(page);
  await page.keyboard.type('Grüße ✓ 日本');
  await page.keyboard.press('Enter');
  await page.keyboard.type('zweite Zeile');
  const fileText = 'alpha\r\nbeta\r\nGrüße ✓ 日本\r\nzweite Zeile';

  await page.keyboard.press('Alt+n');
  await expect(untitledTab(page, 'Untitled-1')).toBeVisible();
  await page.keyboard.type('ünïcödé untitled');
  await page.keyboard.press('Enter');
  await page.keyboard.type('ligne deux — fin');
  await setLanguage(page, 'Markdown');
  const untitledText = 'ünïcödé untitled\nligne deux — fin';

  await waitForBackups(first.configDir, [fileText, { text: untitledText, languageId: 'markdown' }]);
  await killHard(first);
  await leaveDeadPage(page);

  const second = await openQuire();
  expect(second.configDir).toBe(first.configDir);
  await expect(fileTab(page, file)).toHaveAttribute('data-dirty', 'true');
  await expect(untitledTab(page, 'Untitled-1')).toHaveAttribute('data-dirty', 'true');

  await untitledTab(page, 'Untitled-1').click();
  await expect(page.getByTestId('status-language')).toHaveText('Markdown');
  await expect(page.getByTestId('status-eol')).toHaveText('LF');
  await expect(page.getByTestId('status-position')).toHaveText('Ln 2, Col 17');
  await expect.poll(() => editorText(page)).toBe('ünïcödé untitled\nligne deux — fin');
  await page.screenshot({ path: 'test-results/hot-exit-restored.png' });

  await fileTab(page, file).click();
  await expect(page.getByTestId('status-eol')).toHaveText('CRLF');
  await expect(page.getByTestId('status-position')).toHaveText('Ln 4, Col 13');
  // Saving shows the restored text byte for byte: CRLF, non-ASCII and all.
  await page.keyboard.press('Control+s');
  await expect(fileTab(page, file)).toHaveAttribute('data-dirty', 'false');
  expect((await readFile(file)).equals(Buffer.from(fileText, 'utf8'))).toBe(true);

  await untitledTab(page, 'Untitled-1').click();
  await page.keyboard.press('Control+Shift+S');
  const saveBox = page.getByRole('dialog', { name: 'Save as' });
  const saved = path.join(workspace, 'restored.md');
  await saveBox.getByRole('textbox', { name: 'File path' }).fill(saved);
  await page.keyboard.press('Enter');
  await expect(fileTab(page, saved)).toHaveAttribute('data-dirty', 'false');
  expect((await readFile(saved)).equals(Buffer.from(untitledText, 'utf8'))).toBe(true);

  // Saved: nothing is left to restore.
  await expect.poll(() => backupFiles(second.configDir)).toEqual([]);
});

test('a file changed on disk after its backup asks which to keep, and keeps what the user picks', async ({ page, workspace, openQuire }) => {
  const kept = path.join(workspace, 'kept.txt');
  const replaced = path.join(workspace, 'replaced.txt');
  await writeFile(kept, 'kept: original\n');
  await writeFile(replaced, 'replaced: original\n');
  const first = await openQuire({ files: [kept, replaced] });
  for (const file of [kept, replaced]) {
    await fileTab(page, file).click();
    await focusEditorAtEnd(page);
    await page.keyboard.type(`unsaved in ${path.basename(file)}`);
  }
  await waitForBackups(first.configDir, ['kept: original\nunsaved in kept.txt', 'replaced: original\nunsaved in replaced.txt']);
  await killHard(first);
  await leaveDeadPage(page);
  await writeFile(kept, 'kept: changed by another program\n');
  await writeFile(replaced, 'replaced: changed by another program\n');

  const second = await openQuire();
  const prompt = page.getByRole('alertdialog');
  await expect(prompt).toContainText('kept.txt changed on disk after Quire backed up your unsaved changes to it.');
  await page.screenshot({ path: 'test-results/hot-exit-changed-on-disk.png' });
  await prompt.getByRole('button', { name: 'Keep my unsaved changes' }).click();
  await expect(prompt).toContainText('replaced.txt changed on disk');
  await prompt.getByRole('button', { name: 'Use the file on disk' }).click();
  await expect(prompt).toBeHidden();

  await expect(fileTab(page, kept)).toHaveAttribute('data-dirty', 'true');
  await fileTab(page, kept).click();
  await expect.poll(() => editorText(page)).toBe('kept: original\nunsaved in kept.txt');
  await expect(fileTab(page, replaced)).toHaveAttribute('data-dirty', 'false');
  await fileTab(page, replaced).click();
  await expect.poll(() => editorText(page)).toContain('replaced: changed by another program');
  // Nothing was written to either file.
  expect(await readFile(kept, 'utf8')).toBe('kept: changed by another program\n');
  expect(await readFile(replaced, 'utf8')).toBe('replaced: changed by another program\n');
  // The kept changes are backed up again; the dropped ones are gone.
  await waitForBackups(second.configDir, ['kept: original\nunsaved in kept.txt']);
  expect(await backupFiles(second.configDir)).toHaveLength(1);
});

test('an unreadable backup is reported with where it is kept, and kept', async ({ page, openQuire }) => {
  const first = await openQuire();
  await page.keyboard.press('Alt+n');
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.type('text whose backup gets damaged');
  const [backup] = await waitForBackups(first.configDir, ['text whose backup gets damaged']);
  await killHard(first);
  await leaveDeadPage(page);
  const folder = path.dirname(backup as string);
  await truncate(backup as string, (await readFile(backup as string)).length - 4);
  await writeFile(path.join(folder, 'stray.backup'), 'not a backup at all');

  await openQuire();
  const warning = page.getByTestId('notification').filter({ hasText: 'could not be read' });
  await expect(warning).toContainText(`2 backups of unsaved changes could not be read and were not restored. They are kept in ${path.join(folder, 'unreadable')}.`);
  await expect(warning).toContainText('it is truncated');
  await expect(warning).toContainText('it is not a Quire backup');
  await page.screenshot({ path: 'test-results/hot-exit-unreadable.png' });
  const keptAside = await readdir(path.join(folder, 'unreadable'));
  expect(keptAside).toHaveLength(2);
  expect(keptAside.some((name) => name.endsWith(path.basename(backup as string)))).toBe(true);
  expect(await readdir(folder)).not.toContain(path.basename(backup as string));
  await expect(page.getByRole('tab', { name: /^Untitled/ })).toHaveCount(0);
});

test('with hot exit on, closing the page does not ask, and the text typed just before comes back', async ({ page, pageErrors, context, startQuire }) => {
  void pageErrors;
  const server = await startQuire();
  const { page: closing, errors } = await otherPage(context, server.url);
  await closing.keyboard.press('Alt+n');
  await closing.locator('.monaco-editor .view-lines').first().click();
  const dialogs: string[] = [];
  closing.on('dialog', (dialog) => {
    dialogs.push(dialog.type());
    void dialog.dismiss();
  });
  // Closed at once, well before the periodic backup would run: the page's unload sends it.
  await closing.keyboard.type('typed just before closing');
  await closing.close({ runBeforeUnload: true });
  await expect.poll(() => closing.isClosed()).toBe(true);
  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);

  await page.goto(server.url);
  await expect(untitledTab(page, 'Untitled-1')).toHaveAttribute('data-dirty', 'true');
  await expect.poll(() => editorText(page)).toBe('typed just before closing');
  await page.goto('about:blank');
});

test('with hot exit off, closing the page asks, and leaving drops the unsaved text and its backup', async ({ page, pageErrors, context, startQuire }) => {
  void pageErrors;
  const server = await startQuire({ configFiles: { 'settings.json': '{ "hotExit": false }' } });
  const { page: closing } = await otherPage(context, server.url);
  await closing.keyboard.press('Alt+n');
  await closing.locator('.monaco-editor .view-lines').first().click();
  await closing.keyboard.type('to be dropped');
  // Still backed up while open, in case Quire is killed.
  await waitForBackups(server.configDir, ['to be dropped']);
  const dialogs: string[] = [];
  closing.on('dialog', (dialog) => {
    dialogs.push(dialog.type());
    void dialog.accept();
  });
  await closing.close({ runBeforeUnload: true });
  await expect.poll(() => closing.isClosed()).toBe(true);
  expect(dialogs).toEqual(['beforeunload']);
  await expect.poll(() => backupFiles(server.configDir)).toEqual([]);

  await page.goto(server.url);
  await expect(page.getByRole('status')).toBeVisible();
  await expect(page.getByRole('tab', { name: /^Untitled/ })).toHaveCount(0);
  await page.goto('about:blank');
});
