import { copyFile, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './quire-fixture.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const TEST_PLUGINS = path.join(ROOT, 'dist', 'test-plugins');

function tab(page: Page, file: string) {
  return page.locator(`[data-testid="tab"][data-path="${file}"]`);
}

/** Saves the active document and reads it back: the exact text, line endings included. */
async function savedText(page: Page, file: string): Promise<string> {
  await page.keyboard.press('Control+s');
  await expect(tab(page, file)).toHaveAttribute('data-dirty', 'false');
  return readFile(file, 'utf8');
}

async function openPalette(page: Page) {
  await page.keyboard.press('Control+Shift+P');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  return palette;
}

async function runFromPalette(page: Page, query: string, title: string): Promise<void> {
  const palette = await openPalette(page);
  await palette.getByRole('textbox', { name: 'Command' }).fill(query);
  await expect(palette.getByRole('option').first()).toContainText(title);
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
}

/** A fresh plugins folder for one test, removed after it. */
async function pluginsFolder(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'quire-e2e-plugins-'));
}

test('Sort Lines from the palette sorts, and one Ctrl+Z restores the text exactly', async ({ page, workspace, openQuire }) => {
  const file = path.join(workspace, 'fruit.txt');
  const original = 'pear\r\napple\r\nfig\r\n';
  await writeFile(file, original);
  await openQuire({ files: [file] });
  await expect(tab(page, file)).toBeVisible();
  await page.locator('.monaco-editor .view-lines').first().click();

  await runFromPalette(page, 'sort lines', 'Sort Lines');
  await expect(tab(page, file)).toHaveAttribute('data-dirty', 'true');
  expect(await savedText(page, file)).toBe('apple\r\nfig\r\npear\r\n');

  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+z');
  expect(await savedText(page, file)).toBe(original);
});

test('the palette lists plugin commands with their plugin and keys, recently used first', async ({ page, workspace, openQuire }) => {
  const file = path.join(workspace, 'words.txt');
  await writeFile(file, 'b\na\n');
  await openQuire({ files: [file] });
  await expect(tab(page, file)).toBeVisible();
  await page.locator('.monaco-editor .view-lines').first().click();
  await runFromPalette(page, 'upper', 'Uppercase');

  const palette = await openPalette(page);
  const first = palette.getByRole('option').first();
  await expect(first).toContainText('Uppercase');
  await expect(first).toContainText('recently used');
  const sortLines = palette.getByRole('option').filter({ hasText: /^Sort Lines/ }).first();
  await expect(sortLines).toContainText('Text Tools');
  await expect(sortLines.locator('kbd')).toHaveText(['F9']);
  await palette.getByRole('textbox', { name: 'Command' }).fill('sort');
  await expect(palette.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await page.screenshot({ path: 'test-results/palette.png' });
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();
});

test("a plugin command's default key runs it (F9 sorts lines)", async ({ page, workspace, openQuire }) => {
  const file = path.join(workspace, 'keys.txt');
  await writeFile(file, 'c\nb\na\n');
  await openQuire({ files: [file] });
  await expect(tab(page, file)).toBeVisible();
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('F9');
  await expect(tab(page, file)).toHaveAttribute('data-dirty', 'true');
  expect(await savedText(page, file)).toBe('a\nb\nc\n');
});

test('a plugin copied into the plugins folder brings its commands and format without a reload; deleting it takes them away', async ({
  page,
  workspace,
  openQuire,
}) => {
  const folder = await pluginsFolder();
  try {
    const file = path.join(workspace, 'sample.okb');
    await writeFile(file, 'abc 123\n');
    await openQuire({ files: [file], pluginsDir: folder });
    await expect(tab(page, file)).toBeVisible();
    await expect(page.getByTestId('status-language')).toContainText('Plain Text');
    let palette = await openPalette(page);
    await palette.getByRole('textbox', { name: 'Command' }).fill('ok basic');
    await expect(palette.getByRole('option')).toHaveCount(0);
    await page.keyboard.press('Escape');

    // Written beside, then renamed in: the watcher never sees a half-copied file.
    const partial = path.join(folder, 'ok-basic.so.partial');
    await copyFile(path.join(TEST_PLUGINS, 'ok-basic.so'), partial);
    await rename(partial, path.join(folder, 'ok-basic.so'));
    await expect(page.getByTestId('status-language')).toContainText('OK Basic', { timeout: 15_000 });
    palette = await openPalette(page);
    await palette.getByRole('textbox', { name: 'Command' }).fill('ok basic');
    await expect(palette.getByRole('option').filter({ hasText: 'OK Basic: Echo' })).toBeVisible();

    await rm(path.join(folder, 'ok-basic.so'));
    await expect(palette.getByRole('option')).toHaveCount(0, { timeout: 15_000 });
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('status-language')).toContainText('Plain Text');
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});

test('a plugin crashing mid-command shows an error, leaves the document unchanged, and is restarted', async ({ page, workspace, openQuire }) => {
  const folder = await pluginsFolder();
  try {
    await copyFile(path.join(TEST_PLUGINS, 'misbehave.so'), path.join(folder, 'misbehave.so'));
    // Markdown, not plain text: misbehave's linter (plain text only) would report its own bad
    // result and, one notification per plugin, replace the one this test looks for.
    const file = path.join(workspace, 'safe.md');
    await writeFile(file, 'keep me\n');
    await openQuire({ files: [file], pluginsDir: folder });
    await expect(tab(page, file)).toBeVisible();
    await page.locator('.monaco-editor .view-lines').first().click();

    await runFromPalette(page, 'segfault', 'Segfault');
    await expect(page.getByTestId('notification').filter({ hasText: 'Segfault failed' })).toBeVisible({ timeout: 15_000 });
    await expect(tab(page, file)).toHaveAttribute('data-dirty', 'false');
    expect(await readFile(file, 'utf8')).toBe('keep me\n');
    await expect(page.locator('.monaco-editor .view-lines')).toHaveText('keep me');

    // The plugin was restarted: its next command runs and answers.
    await expect(async () => {
      await runFromPalette(page, 'print garbage', 'Print Garbage');
      await expect(page.getByTestId('notification').filter({ hasText: /^ok$/ })).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 15_000 });
    await expect(tab(page, file)).toHaveAttribute('data-dirty', 'false');
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});

/** The distinct Monaco token classes (`mtk…`) on the visible lines. */
async function tokenClasses(page: Page): Promise<string[]> {
  const classes = await page.locator('.monaco-editor .view-lines span[class^="mtk"]').evaluateAll((spans) => spans.map((span) => span.className));
  return [...new Set(classes)].sort();
}

test('a .csv file is highlighted by the CSV plugin and Format Document aligns its columns', async ({ page, workspace, openQuire }) => {
  const plain = path.join(workspace, 'same.txt');
  const csv = path.join(workspace, 'people.csv');
  const text = 'name,age,city\nAlice,30,Paris\nBo,7,Rome\n';
  await writeFile(plain, text);
  await writeFile(csv, text);
  await openQuire({ files: [plain] });
  await expect(tab(page, plain)).toBeVisible();
  await expect.poll(() => tokenClasses(page)).toHaveLength(1);
  const plainClasses = await tokenClasses(page);

  await page.keyboard.press('Control+o');
  const box = page.getByRole('dialog', { name: 'Open file' });
  await box.getByRole('textbox', { name: 'File path' }).fill(csv);
  await page.keyboard.press('Enter');
  await expect(tab(page, csv)).toBeVisible();
  await expect(page.getByTestId('status-language')).toContainText('CSV');
  await expect.poll(() => tokenClasses(page)).not.toEqual(plainClasses);
  expect((await tokenClasses(page)).length).toBeGreaterThan(1);

  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Alt+Shift+F');
  await expect(tab(page, csv)).toHaveAttribute('data-dirty', 'true');
  expect(await savedText(page, csv)).toBe('name ,age,city\nAlice,30 ,Paris\nBo   ,7  ,Rome\n');
  await page.screenshot({ path: 'test-results/csv-formatted.png' });
});

test('with Format on Save turned on, saving a .csv aligns it', async ({ page, workspace, openQuire }) => {
  const csv = path.join(workspace, 'on-save.csv');
  await writeFile(csv, 'a,bb\nccc,d\n');
  await openQuire({ files: [csv] });
  await expect(page.getByTestId('status-language')).toContainText('CSV');
  await runFromPalette(page, 'toggle format on save', 'Toggle Format on Save');
  await expect(page.getByTestId('notification').filter({ hasText: 'Format on Save is on.' })).toBeVisible();

  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('e,f\n');
  expect(await savedText(page, csv)).toBe('a  ,bb\nccc,d\ne  ,f\n');
});

test('a slow command shows progress; Cancel stops waiting and its late result is ignored', async ({ page, workspace, openQuire }) => {
  const folder = await pluginsFolder();
  try {
    await copyFile(path.join(TEST_PLUGINS, 'misbehave.so'), path.join(folder, 'misbehave.so'));
    const file = path.join(workspace, 'slow.txt');
    await writeFile(file, 'text\n');
    await openQuire({ files: [file], pluginsDir: folder });
    await expect(tab(page, file)).toBeVisible();
    await page.locator('.monaco-editor .view-lines').first().click();
    const progress = page.getByTestId('notification').filter({ hasText: 'Running Misbehave: Sleep 1 s' });
    const slept = page.getByTestId('notification').filter({ hasText: 'slept' });

    await runFromPalette(page, 'sleep 1', 'Misbehave: Sleep 1 s');
    await expect(progress).toBeVisible();
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await expect(progress).toBeHidden();
    await page.waitForTimeout(1_500);
    await expect(slept).toHaveCount(0);

    await runFromPalette(page, 'sleep 1', 'Misbehave: Sleep 1 s');
    await expect(progress).toBeVisible();
    await expect(slept).toBeVisible({ timeout: 5_000 });
    await expect(progress).toBeHidden();
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
