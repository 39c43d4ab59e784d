import { jsonDefaults } from 'monaco-editor/languages/features/json/register.js';
import { settingsJsonSchema } from '../../../app/settings-schema.js';
import type { DocumentModels } from '../documents/document-models.js';
import type { QuireStore } from '../state/store.js';

const SCHEMA_URI = 'quire://schemas/settings.json';

/**
 * Gives the tab showing settings.json Quire's settings schema, as VS Code does for its own:
 * completions and hovers for every setting, a warning on a bad value or an unknown key, and no
 * error for comments or trailing commas (Quire reads the file as JSON with comments). Follows
 * the tab as it opens, closes and reopens; returns the unsubscribe.
 */
export function followSettingsFileModel(store: QuireStore, models: DocumentModels): () => void {
  let associated: string | null = null;
  const update = () => {
    const state = store.getState();
    const file = state.appInfo?.settingsFile;
    const document = file === undefined ? undefined : Object.values(state.documents).find((candidate) => candidate.path === file);
    const uri = document ? (models.model(document.id)?.uri.toString() ?? null) : null;
    if (uri === associated) return;
    associated = uri;
    const options = jsonDefaults.diagnosticsOptions;
    const others = (options.schemas ?? []).filter((schema) => schema.uri !== SCHEMA_URI);
    const ours = uri === null ? [] : [{ uri: SCHEMA_URI, fileMatch: [uri], schema: settingsJsonSchema() }];
    jsonDefaults.setDiagnosticsOptions({ ...options, validate: true, schemas: [...others, ...ours] });
  };
  return store.subscribe((state, previous) => {
    if (state.documents !== previous.documents || state.appInfo !== previous.appInfo) update();
  });
}
