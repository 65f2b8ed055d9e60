import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { DatabaseGate } from './features/unlock/DatabaseGate';
import { warnBeforeLeavingUnsaved } from './lib/unsavedWork';

// Closing the window with map changes not yet stored asks first.
warnBeforeLeavingUnsaved();

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element.');
createRoot(container).render(
  <StrictMode>
    <DatabaseGate>
      <App />
    </DatabaseGate>
  </StrictMode>,
);
