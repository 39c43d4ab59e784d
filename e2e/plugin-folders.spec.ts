import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './quire-fixture.js';

test('the Plugins panel lists every folder plugins load from, and whether plugins can be added there', async ({ page, workspace, openQuire }) => {
  const extra = path.join(workspace, 'more-plugins');
  await mkdir(extra);
  const server = await openQuire({ pluginsDir: extra });

  await page.keyboard.press('Control+j');
  await page.getByRole('tab', { name: 'Plugins' }).click();
  const folders = page.getByRole('list', { name: 'Plugins folders' });
  await expect(folders.getByRole('listitem')).toHaveCount(3);

  const bundled = folders.locator('[data-origin="bundled"]');
  await expect(bundled.getByRole('textbox', { name: 'Bundled plugins folder' })).toHaveValue(/dist[/\\]plugins$/);
  const user = folders.locator('[data-origin="user"]');
  // A fresh config folder has no plugins folder yet: the panel says it can be made.
  await expect(user.getByRole('textbox', { name: 'Your plugins folder' })).toHaveValue(path.join(server.configDir, 'plugins'));
  await expect(user).toContainText('not created yet: make it to add plugins');
  const commandLine = folders.locator('[data-origin="command-line"]');
  await expect(commandLine.getByRole('textbox')).toHaveValue(extra);
  await expect(commandLine).toContainText('writable');
  // The browser edition cannot open a file manager: it offers the path to copy.
  await expect(commandLine.getByRole('button', { name: 'Copy --plugins-dir folder path' })).toBeVisible();
  await expect(folders.getByRole('button', { name: /^Reveal / })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/plugin-folders.png' });
});
