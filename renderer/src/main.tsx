import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { WorkbenchContext } from './components/workbench-context.js';
import { createQuireStore } from './state/store.js';
import { createConnection } from './transport/create-api.js';
import { Workbench } from './workbench/workbench.js';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const workbench = new Workbench(createConnection(), createQuireStore());
// Started outside React: the session is restored once, not once per (strict-mode) mount.
workbench.start();

createRoot(root).render(
  <StrictMode>
    <WorkbenchContext.Provider value={workbench}>
      <App />
    </WorkbenchContext.Provider>
  </StrictMode>,
);
