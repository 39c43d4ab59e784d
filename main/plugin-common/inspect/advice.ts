/** Fix-it sentences shared by several refusals, so every message points authors at the same recipe. */
import type { HostTarget } from './inspection.js';
import { BUILD_RECIPES, OS_NAMES, PLUGIN_EXTENSIONS } from './platforms.js';

export function buildRecipe(target: HostTarget): string {
  return BUILD_RECIPES[target.os];
}

export function rebuildFor(target: HostTarget): string {
  const os = OS_NAMES[target.os];
  return `Rebuild it on ${os} for ${target.archName}, e.g. ${buildRecipe(target)}, or install the plugin's ${os} ${target.archName} build.`;
}

export function whatAPluginIs(target: HostTarget): string {
  const kind = { linux: 'Linux shared objects', darwin: 'macOS dynamic libraries', win32: 'Windows DLLs' }[target.os];
  return `Quire plugins are ${kind} (${PLUGIN_EXTENSIONS[target.os]}), built with ${buildRecipe(target)}.`;
}
