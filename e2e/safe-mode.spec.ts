import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './quire-fixture.js';
import { pluginsFolderWith } from './test-plugin-files.js';

async function paletteOptions(page: Page, query: string) {
  await page.keyboard.press('Control+Shift+P');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  await palette.getByRole('textbox', { name: 'Command' }).fill(query);
  return palette;
}

test('quire serve --disable-plugins loads no plugin, says why in the Plugins panel, and Enable loads one at a time', async ({ page, workspace, openQuire }) => {
  const pluginsDir = await pluginsFolderWith(workspace, 'ok-basic');
  const file = path.join(workspace, 'fruit.txt');
  await writeFile(file, 'pear\napple\n');
  await openQuire({ files: [file], pluginsDir, args: ['--disable-plugins'] });

  await page.keyboard.press('Control+j');
  await page.getByRole('tab', { name: 'Plugins' }).click();
  const panel = page.getByTestId('plugins-panel');
  await expect(panel.getByTestId('plugins-safe-mode')).toHaveText(/^Quire started in safe mode \(--disable-plugins\): no plugin was loaded\./);
  const entries = panel.getByTestId('plugin-entry');
  // The bundled plugins (text-tools at least) and the test plugin: every one listed, none loaded.
  await expect(entries.first()).toBeVisible();
  const count = await entries.count();
  expect(count).toBeGreaterThanOrEqual(2);
  for (let i = 0; i < count; i++) {
    const entry = entries.nth(i);
    await expect(entry).toHaveAttribute('data-state', 'disabled');
    await expect(entry.getByTestId('plugin-failure')).toContainText('safe-mode');
    await expect(entry.locator('.q-plugin-actions').getByRole('button')).toHaveText(['Enable']);
  }
  const textTools = panel.locator('[data-testid="plugin-entry"][data-file="text-tools.so"]');
  await page.screenshot({ path: 'test-results/safe-mode-plugins-panel.png' });

  // No plugin command in the palette while nothing is loaded.
  let palette = await paletteOptions(page, 'sort lines');
  await expect(palette.getByRole('option').filter({ hasText: 'Sort Lines' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();

  // Enable loads exactly that plugin; the others stay held back, and the banner stays.
  await textTools.getByRole('button', { name: 'Enable' }).click();
  await expect(textTools).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
  await expect(textTools.getByTestId('plugin-failure')).toHaveCount(0);
  await expect(textTools.locator('.q-plugin-actions').getByRole('button')).toHaveText(['Reload', 'Disable']);
  await expect(panel.locator('[data-testid="plugin-entry"][data-file="ok-basic.so"]')).toHaveAttribute('data-state', 'disabled');
  await expect(panel.locator('[data-testid="plugin-entry"][data-state="ready"]')).toHaveCount(1);
  await expect(panel.getByTestId('plugins-safe-mode')).toBeVisible();
  await textTools.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/safe-mode-one-enabled.png' });

  await page.locator('.monaco-editor .view-lines').first().click();
  palette = await paletteOptions(page, 'sort lines');
  await expect(palette.getByRole('option').first()).toContainText('Sort Lines');
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('applepear');
});

test('without --disable-plugins the Plugins panel shows no safe-mode banner', async ({ page, workspace, openQuire }) => {
  const pluginsDir = await pluginsFolderWith(workspace, 'ok-basic');
  await openQuire({ pluginsDir });
  await page.keyboard.press('Control+j');
  await page.getByRole('tab', { name: 'Plugins' }).click();
  const panel = page.getByTestId('plugins-panel');
  await expect(panel.locator('[data-testid="plugin-entry"][data-file="ok-basic.so"]')).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
  await expect(panel.getByTestId('plugins-safe-mode')).toHaveCount(0);
});
