import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { Controller } from './state/controller';
import { restoreModels } from './state/models';
import { registerServiceWorker } from '../pwa/register';
import { UpdatePrompt } from '../pwa/UpdatePrompt';
import './app.css';

const controller = new Controller();
// Imported models and the user's choice of models apply before the library opens and a model loads.
restoreModels(controller);
registerServiceWorker();
// Test hooks (engine counters, a worker kill switch, a library consistency check): see e2e/CONTRACT.md.
(window as unknown as { __shoebox: unknown }).__shoebox = {
  ...controller.testHooks(),
  engineCapabilities: () => controller.engine.capabilities(),
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App controller={controller} />
    <UpdatePrompt controller={controller} />
  </StrictMode>,
);
