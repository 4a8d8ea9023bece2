// The pieces every browser app uses; each app adds only its own screens.
import './base.css';

export { DeviceShell, type Session } from './DeviceShell.js';
export { useRetained } from './useRetained.js';
