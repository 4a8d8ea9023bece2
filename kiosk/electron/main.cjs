// Vikno ticket kiosk in Electron: the page the hub serves at /kiosk/, nothing more.
'use strict';
require('@vikno/ui/electron').openHubPage({ path: '/kiosk/', publicScreen: true });
