import '@vikno/shared/no-eval';
import { DeviceShell } from '@vikno/ui';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { KioskFlow } from './KioskFlow.js';
import './kiosk.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DeviceShell app="kiosk" title="app.kiosk">
      {(session) => <KioskFlow {...session} />}
    </DeviceShell>
  </StrictMode>,
);
