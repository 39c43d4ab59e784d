/**
 * A folder shaped like an unpacked Electron release for Linux x64 (what
 * electron-vVERSION-linux-x64.zip holds), for packaging without downloading Electron.
 * electron-builder copies such a folder as it is, renames `electron` to the app's executable,
 * and writes the app beside it; it reads nothing else from the files, so they are small
 * placeholders here. `resources/` stays empty: a release's `default_app.asar` is not copied
 * into apps, and an empty one would break the asar integrity step, which reads every archive
 * in `resources/`.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const RELEASE_FILES = [
  'LICENSE',
  'LICENSES.chromium.html',
  'chrome_100_percent.pak',
  'chrome_200_percent.pak',
  'icudtl.dat',
  'libEGL.so',
  'libGLESv2.so',
  'libffmpeg.so',
  'libvk_swiftshader.so',
  'libvulkan.so.1',
  'resources.pak',
  'snapshot_blob.bin',
  'v8_context_snapshot.bin',
  'vk_swiftshader_icd.json',
  'locales/en-US.pak',
  'locales/de.pak',
];

const EXECUTABLES = ['electron', 'chrome-sandbox', 'chrome_crashpad_handler'];

/** Makes the stand-in at `folder` and returns its path. */
export function makeElectronStandIn(folder: string, version: string): string {
  mkdirSync(path.join(folder, 'locales'), { recursive: true });
  mkdirSync(path.join(folder, 'resources'));
  for (const file of RELEASE_FILES) writeFileSync(path.join(folder, file), `stand-in for Electron ${version}'s ${file}\n`);
  writeFileSync(path.join(folder, 'version'), version);
  for (const file of EXECUTABLES) {
    writeFileSync(path.join(folder, file), `#!/bin/sh\necho "stand-in for Electron ${version}'s ${file}: no runtime was downloaded" >&2\nexit 1\n`);
    chmodSync(path.join(folder, file), 0o755);
  }
  return folder;
}
