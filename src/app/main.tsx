// First, so the features' CSS Modules come after the global rules they refine.
import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { EngineClient } from '../engine/client';
import { createDecoder } from '../features/import/decoder';
import { createSearchClient } from '../features/search/searchClient';
import { openLibrary } from '../library/db';
import { registerServiceWorker } from '../pwa/register';
import { App } from './App';
import { createCore, type CoreDeps } from './core';
import { applyTheme, readSettings, readTheme } from './settings';

/** The browser's own collaborators; test builds wrap them (see testHooks.ts), production uses them as they are. */
function browserDeps(): CoreDeps {
  const settings = readSettings();
  return {
    engine: new EngineClient(),
    search: createSearchClient(),
    openLibrary: () => openLibrary(),
    createDecoder,
    modelSource: settings.modelSource,
    device: settings.device,
    storage: safeLocalStorage(),
  };
}

function safeLocalStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage disabled (some private modes): choices last for this visit only
  }
}

async function main(): Promise<void> {
  applyTheme(readTheme()); // before the first paint, so a light choice never flashes dark
  let deps = browserDeps();
  // Only an e2e build carries the test hooks: in a production build this branch and its module are dropped.
  if (import.meta.env.VITE_TEST_HOOKS === 'true') {
    const hooks = await import('./testHooks');
    deps = hooks.withTestHooks(deps);
    hooks.installTestHooks(createAndRender(deps));
  } else {
    createAndRender(deps);
  }
  registerServiceWorker();
}

function createAndRender(deps: CoreDeps) {
  const core = createCore(deps);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App core={core} />
    </StrictMode>,
  );
  return core;
}

void main();
