import { useEffect, useState } from 'react';
import { monaco } from '../monaco/setup-monaco.js';
import type { Workbench } from '../workbench/workbench.js';
import { lintOpenDocuments } from './lint-open-documents.js';
import type { OpenDocumentModels } from './lint-open-documents.js';
import { LintService } from './lint-service.js';

/**
 * Runs plugin linters on every open document for as long as the component lives, and returns
 * which document each model belongs to (null until wired), for the Problems panel.
 */
export function useLinting(workbench: Workbench): OpenDocumentModels | null {
  const [models, setModels] = useState<OpenDocumentModels | null>(null);
  useEffect(() => {
    const service = new LintService({ api: workbench.api, store: workbench.store, monaco });
    const wiring = lintOpenDocuments(monaco, workbench.store, service);
    setModels(wiring);
    return () => {
      wiring.dispose();
      service.dispose();
    };
  }, [workbench]);
  return models;
}
