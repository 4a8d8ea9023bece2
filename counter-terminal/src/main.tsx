import '@vikno/shared/no-eval';
import { DeviceShell } from '@vikno/ui';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Terminal } from './Terminal.js';
import './counter.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DeviceShell app="counter" title="app.counter">
      {(session) => <Terminal {...session} />}
    </DeviceShell>
  </StrictMode>,
);
