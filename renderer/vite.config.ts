import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const rendererDir = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/renderer', import.meta.url));

export default defineConfig({
  root: rendererDir,
  // Relative asset URLs: Electron loads the page from file://, the browser edition from /.
  base: './',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    // Monaco alone is several megabytes; the warning would fire on every build and say nothing new.
    chunkSizeWarningLimit: 5000,
  },
});
