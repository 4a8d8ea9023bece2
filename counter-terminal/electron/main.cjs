// Vikno counter terminal in Electron: the page the hub serves at /counter/, nothing more.
'use strict';
require('@vikno/ui/electron').openHubPage({ path: '/counter/', publicScreen: false });
