/**
 * Monaco as Quire bundles it: the core editor API, its editor features, the basic (Monarch)
 * languages, and JSON's language service. The TypeScript/CSS/HTML language services are left
 * out on purpose: they weigh megabytes and their basic highlighting is already included.
 */
import * as monaco from 'monaco-editor/editor/editor.api.js';
import 'monaco-editor/features/register.all.js';
import 'monaco-editor/languages/definitions/register.all.js';
import 'monaco-editor/languages/features/json/register.js';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker.js?worker';

// Workers come from Vite's bundled worker entries. Monaco's own default builds a blob that
// imports the worker by a module path the bundle does not contain, and fails in the console.
self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

export { monaco };
