// The pieces every browser app uses; each app adds only its own screens.
import './base.css';

export { DeviceShell, type Session } from './DeviceShell.js';
export { LanguageSwitch } from './LanguageSwitch.js';
export { PairingForm } from './PairingForm.js';
export { useHiddenBelow } from './useHiddenBelow.js';
export { useRetained } from './useRetained.js';
export { useStoredCredentials } from './useStoredCredentials.js';
// Offline speech is the subpath @vikno/ui/speech, so that apps which never speak do not bundle it.
