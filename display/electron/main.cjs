// Vikno hall display in Electron: the page the hub serves at /display/, nothing more.
'use strict';
require('@vikno/ui/electron').openHubPage({ path: '/display/', publicScreen: true });
