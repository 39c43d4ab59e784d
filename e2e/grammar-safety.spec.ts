/**
 * A grammar must never freeze the editor window: Monarch runs on the renderer's main thread.
 * main refuses a plugin whose grammar can backtrack catastrophically (`unsafe-grammar`), and
 * the renderer caps how long a line it tokenizes (renderer/src/monaco/tokenization-limits.ts).
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './quire-fixture.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const TEST_PLUGINS = path.join(ROOT, 'dist', 'test-plugins');

function tab(page: Page, file: string) {
  return page.locator(`[data-testid="tab"][data-path="${file}"]`);
}

/**
 * Records every main-thread task over 50 ms from now on (Chromium's Long Tasks API), so a
 * test can read the longest one: a frozen page would never answer at all.
 */
async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const holder = window as unknown as { longTasks: number[] };
    holder.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) holder.longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
}

async function longestTask(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks));
}

test('a plugin whose grammar can backtrack catastrophically is refused with unsafe-grammar, and its files open as plain text', async ({ page, workspace, openQuire }) => {
  const pluginsDir = path.join(workspace, 'plugins');
  await mkdir(pluginsDir);
  await copyFile(path.join(TEST_PLUGINS, 'redos-grammar.so'), path.join(pluginsDir, 'redos-grammar.so'));
  // 34 `a`s and a `!`: enough for the grammar's `(a+)+$` to run for minutes, were it used.
  const line = `${'a'.repeat(34)}!`;
  const file = path.join(workspace, 'attack.redos');
  await writeFile(file, `${line}\n`);
  // Trusted, so the test plugin loads without a consent prompt and meets the grammar check.
  await openQuire({ files: [file], pluginsDir, trustPlugins: 'all' });

  await page.keyboard.press('Control+j');
  await page.getByRole('tab', { name: 'Plugins' }).click();
  const entry = page.locator('[data-testid="plugin-entry"][data-file="redos-grammar.so"]');
  await expect(entry.getByTestId('plugin-failure')).toContainText('unsafe-grammar', { timeout: 15_000 });
  await expect(entry.getByTestId('plugin-failure')).toContainText('rule 0 of tokenizer state "root"');
  await expect(entry).not.toHaveAttribute('data-state', 'ready');
  await entry.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/unsafe-grammar.png' });

  await watchLongTasks(page);
  await expect(tab(page, file)).toBeVisible();
  await tab(page, file).click();
  await expect(page.getByTestId('status-language')).toHaveText('Plain Text');
  await expect(page.locator('.monaco-editor .view-lines')).toContainText(line);
  // Typing more of the attack stays responsive: the page answers, with no long task to speak of.
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('aaaa');
  await expect(page.locator('.monaco-editor .view-lines')).toContainText(`aaaa${line}`);
  expect(await longestTask(page)).toBeLessThan(200);
});

test('a 1 MiB single-line CSV opens highlighted by the csv plugin without a main-thread task over 200 ms', async ({ page, workspace, openQuire }) => {
  // Fields, numbers and quoted strings: every rule of the csv grammar gets its turn.
  const cells = ['alpha', '12.5', '"quoted, with comma"', 'beta gamma', '-3e4'];
  let text = '';
  while (text.length < 1024 * 1024) text += `${cells.join(',')},`;
  const file = path.join(workspace, 'wide.csv');
  await writeFile(file, `${text}\n`);
  await openQuire();

  // Open it once the csv plugin is ready, so the long line meets the grammar straight away.
  await page.keyboard.press('Control+j');
  await page.getByRole('tab', { name: 'Plugins' }).click();
  await expect(page.locator('[data-testid="plugin-entry"][data-file="csv.so"]')).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
  await page.keyboard.press('Control+j');

  await watchLongTasks(page);
  await page.keyboard.press('Control+o');
  await page.getByRole('textbox', { name: 'File path' }).fill(file);
  await page.keyboard.press('Enter');
  await expect(tab(page, file)).toBeVisible();
  await expect(page.getByTestId('status-language')).toHaveText('CSV');
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('End');
  await page.keyboard.type(',x');
  await page.keyboard.press('Home');
  await page.waitForTimeout(1_000);
  const longest = await longestTask(page);
  console.info(`1 MiB single-line CSV: longest main-thread task ${Math.round(longest)} ms`);
  expect(longest).toBeLessThan(200);
});
