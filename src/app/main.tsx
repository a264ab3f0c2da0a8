import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { Controller } from './state/controller';
import './app.css';

const controller = new Controller();
// Test hooks (engine counters, a worker kill switch, a library consistency check): see e2e/CONTRACT.md.
(window as unknown as { __shoebox: unknown }).__shoebox = controller.testHooks();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App controller={controller} />
  </StrictMode>,
);
