#!/usr/bin/env node
// The `quire` command. It runs the built CLI; building is `npm run build` (npm start does it).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../dist/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  console.error(`quire: Quire is not built yet. Run \`npm run build\` (or \`npm start\`) in ${fileURLToPath(new URL('..', import.meta.url))} first.`);
  process.exit(1);
}
await import(pathToFileURL(cli).href);
