import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './quire-fixture.js';
import { pluginsFolderWith, TEST_PLUGINS } from './test-plugin-files.js';

function tab(page: Page, file: string) {
  return page.locator(`[data-testid="tab"][data-path="${file}"]`);
}

test('json-tools’ linter marks a file after saving, and Problems lists its row with the linter’s code', async ({ page, workspace, openQuire }) => {
  const file = path.join(workspace, 'settings.json');
  await writeFile(file, '{\n  "a": 1,\n  "b": 2,\n  "c": 3\n}\n');
  await openQuire({ files: [file] });
  await expect(tab(page, file)).toBeVisible();
  await expect(page.getByTestId('status-errors')).toHaveText('0');

  // Break the third line ("b": 2 loses its comma) and save: json-tools' syntax linter runs on save.
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Control+s');
  await expect(tab(page, file)).toHaveAttribute('data-dirty', 'false');
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeVisible();

  await page.getByTestId('status-problems').click();
  const problems = page.getByTestId('problems-panel');
  await expect(problems).toBeVisible();
  // Monaco's own JSON service may report the same error in a row of its own; the plugin's carries its code.
  const row = problems.getByTestId('problem-row').filter({ hasText: 'json-syntax' });
  await expect(row).toHaveCount(1);
  await page.keyboard.press('Control+Home');
  await expect(page.getByTestId('status-position')).toHaveText('Ln 1, Col 1');
  await page.screenshot({ path: 'test-results/linted-json.png' });

  await row.click();
  await expect(page.getByTestId('status-position')).toHaveText(/^Ln 4, /);
});

test('the csv linter marks a row with the wrong field count on save, and Problems jumps to it', async ({ page, workspace, openQuire }) => {
  const file = path.join(workspace, 'people.csv');
  await writeFile(file, 'name,age\nada,36\ngrace,85\n');
  await openQuire({ files: [file] });
  await expect(tab(page, file)).toBeVisible();
  await expect(page.getByTestId('status-language')).toHaveText('CSV', { timeout: 15_000 });
  await expect(page.getByTestId('status-errors')).toHaveText('0');

  // A third field on the last row, then save.
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.type(',extra');
  await page.keyboard.press('Control+s');
  await expect(tab(page, file)).toHaveAttribute('data-dirty', 'false');
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeVisible();
  await expect(page.getByTestId('status-errors')).toHaveText('1');

  // Hovering the squiggle shows the message, the code and the linter's name.
  // The squiggle lies under the text layer, so the mouse goes to where it is drawn.
  const squiggle = await page.locator('.monaco-editor .squiggly-error').first().boundingBox();
  if (!squiggle) throw new Error('the squiggle has no box');
  await page.mouse.move(squiggle.x + squiggle.width / 2, squiggle.y + squiggle.height / 2);
  const hover = page.locator('.monaco-hover').filter({ hasText: 'Row 3 has 3 fields' });
  await expect(hover).toBeVisible();
  await expect(hover).toContainText('field-count');
  await expect(hover).toContainText('CSV field count');

  await page.getByTestId('status-problems').click();
  const row = page.getByTestId('problems-panel').getByTestId('problem-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('field-count');
  await expect(row).toContainText('Ln 3');
  await page.keyboard.press('Control+Home');
  await expect(page.getByTestId('status-position')).toHaveText('Ln 1, Col 1');
  await page.screenshot({ path: 'test-results/linted-csv.png' });

  await row.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-position')).toHaveText(/^Ln 3, /);

  // The linter also runs as the user types (debounced): fixing the row clears the marker unsaved.
  await page.keyboard.press('End');
  for (let i = 0; i < ',extra'.length; i++) await page.keyboard.press('Backspace');
  await expect(tab(page, file)).toHaveAttribute('data-dirty', 'true');
  await expect(page.getByTestId('status-errors')).toHaveText('0');
  await expect(page.locator('.monaco-editor .squiggly-error')).toHaveCount(0);
});

test('a refused plugin file shows in the Plugins panel with its code and message', async ({ page, workspace, openQuire }) => {
  const pluginsDir = await pluginsFolderWith(workspace, 'missing-entry');
  await writeFile(path.join(pluginsDir, 'notes.txt'), 'not a plugin\n');
  await openQuire({ pluginsDir });

  await page.keyboard.press('Control+j');
  await page.getByRole('tab', { name: 'Plugins' }).click();
  const panel = page.getByTestId('plugins-panel');
  const entry = panel.locator('[data-testid="plugin-entry"][data-file="missing-entry.so"]');
  await expect(entry).toHaveAttribute('data-state', 'failed');
  await expect(entry.getByTestId('plugin-failure')).toContainText('missing-entry');
  await expect(entry.getByTestId('plugin-failure')).toContainText(/\w+\s+\w+/);
  await expect(panel.locator('[data-testid="plugin-entry"][data-file="csv.so"]')).toHaveAttribute('data-state', 'ready');
  // A file that is not a plugin is listed as refused, with nothing to reload or enable.
  const notes = panel.locator('[data-testid="plugin-entry"][data-file="notes.txt"]');
  await expect(notes).toHaveAttribute('data-state', 'refused');
  await expect(notes.getByTestId('plugin-failure')).toContainText('not-a-plugin-file');
  await expect(notes.getByRole('button')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/plugins-panel.png' });

  await page.getByRole('tab', { name: 'Log' }).click();
  await expect(page.getByTestId('log-panel')).toBeVisible();
  await page.screenshot({ path: 'test-results/log-panel.png' });
  await page.keyboard.press('Control+j');
  await expect(page.getByTestId('bottom-panel')).toBeHidden();
});

test('a grammar Monaco rejects is reported against its plugin, and its files open as plain text', async ({ page, workspace, openQuire }) => {
  const pluginsDir = await pluginsFolderWith(workspace, 'monarch-rejected');
  const file = path.join(workspace, 'notes.rejected');
  await writeFile(file, 'unclosed brackets stay plain\n');
  await openQuire({ files: [file], pluginsDir });

  const notice = page.getByTestId('notification').filter({ hasText: 'Monarch Rejected' });
  await expect(notice).toBeVisible({ timeout: 15_000 });
  await expect(notice).toContainText('Rejected Grammar grammar Quire cannot use');
  await expect(notice).toContainText('open as plain text');
  await expect(tab(page, file)).toBeVisible();
  await expect(page.getByTestId('status-language')).toHaveText('Plain Text');
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('unclosed brackets stay plain');
});

test('a plugin that keeps crashing is quarantined, says so once, and Re-enable brings it back', async ({ page, workspace, openQuire }) => {
  const pluginsDir = await pluginsFolderWith(workspace, 'misbehave');
  // Plugin commands act on a document, so one is open: Markdown, which misbehave's linter
  // (plain text only) leaves alone, so the notifications seen here are the crashes' own.
  const file = path.join(workspace, 'victim.md');
  await writeFile(file, 'text\n');
  await openQuire({ files: [file], pluginsDir });
  await expect(tab(page, file)).toBeVisible();

  await page.keyboard.press('Control+j');
  await page.getByRole('tab', { name: 'Plugins' }).click();
  const entry = page.locator('[data-testid="plugin-entry"][data-file="misbehave.so"]');
  for (let crash = 1; crash <= 3; crash++) {
    await expect(entry).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
    await page.keyboard.press('Control+Shift+P');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.getByRole('textbox', { name: 'Command' }).fill('misbehave segfault');
    await expect(palette.getByRole('option').first()).toContainText('Segfault');
    await page.keyboard.press('Enter');
    await expect(palette).toBeHidden();
    if (crash < 3) {
      // The command's failure says more than the plugin's "crashed — restarting", so it is the one shown.
      await expect(page.getByTestId('notification').filter({ hasText: 'Segfault failed' })).toHaveCount(1);
      await expect(page.getByTestId('notification')).toHaveCount(1);
    }
  }

  await expect(entry).toHaveAttribute('data-state', 'quarantined', { timeout: 15_000 });
  await expect(entry.getByTestId('plugin-failure')).toContainText('quarantined');
  const quarantine = page.getByTestId('notification').filter({ hasText: 'stopped restarting it' });
  await expect(quarantine).toHaveCount(1);
  // One notification per plugin: the quarantine replaced the command's failure.
  await expect(page.getByTestId('notification')).toHaveCount(1);

  await entry.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/quarantined.png' });
  await quarantine.getByRole('button', { name: 'Re-enable' }).click();
  await expect(entry).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
});

test('adding and removing a plugin file while Quire runs is announced, one notification per plugin', async ({ page, workspace, openQuire }) => {
  const pluginsDir = path.join(workspace, 'plugins');
  await mkdir(pluginsDir);
  await openQuire({ pluginsDir });
  await expect(page.getByTestId('notification')).toHaveCount(0);

  // Copied beside, then renamed in: the watcher sees a whole file appear.
  await copyFile(path.join(TEST_PLUGINS, 'ok-basic.so'), path.join(workspace, 'ok-basic.so'));
  await rename(path.join(workspace, 'ok-basic.so'), path.join(pluginsDir, 'ok-basic.so'));
  const notifications = page.getByTestId('notification');
  await expect(notifications.filter({ hasText: / loaded: \d+ command/ })).toHaveCount(1, { timeout: 15_000 });

  await rm(path.join(pluginsDir, 'ok-basic.so'));
  await expect(notifications.filter({ hasText: / removed$/ })).toHaveCount(1, { timeout: 15_000 });
  await expect(notifications.filter({ hasText: / loaded: / })).toHaveCount(0);
});
