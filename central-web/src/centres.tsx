import '@vikno/shared/no-eval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CentresPage } from './CentresPage.js';
import '@vikno/ui/theme.css';
import './centres.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <CentresPage />
  </StrictMode>,
);
