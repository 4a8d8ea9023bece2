import '@vikno/shared/no-eval';
import { DeviceShell } from '@vikno/ui';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HallBoard } from './HallBoard.js';
import './display.css';

/** How long the board's labels stay in one of the centre's languages before the next. */
const LANGUAGE_MS = 10_000;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DeviceShell app="display" title="app.display" cycleLanguagesMs={LANGUAGE_MS}>
      {(session) => <HallBoard {...session} />}
    </DeviceShell>
  </StrictMode>,
);
