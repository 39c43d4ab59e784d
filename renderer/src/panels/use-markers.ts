import { useEffect, useState } from 'react';
import { monaco } from '../monaco/setup-monaco.js';

/** Every marker on every model (plugin linters, Monaco's JSON service…), kept current. */
export function useMarkers(): monaco.editor.IMarker[] {
  const [markers, setMarkers] = useState(() => monaco.editor.getModelMarkers({}));
  useEffect(() => {
    setMarkers(monaco.editor.getModelMarkers({}));
    const subscription = monaco.editor.onDidChangeMarkers(() => setMarkers(monaco.editor.getModelMarkers({})));
    return () => subscription.dispose();
  }, []);
  return markers;
}
