import { DeviceShell } from '@vikno/ui';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HallBoard } from './HallBoard.js';
import './display.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DeviceShell app="display" title="app.display">
      {(session) => <HallBoard {...session} />}
    </DeviceShell>
  </StrictMode>,
);
