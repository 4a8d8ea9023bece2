// Where each file runs decides what it may import (`npm run lint`). Every file is one of three kinds:
//
// - browser: `<workspace>/src` of shared, ui and the five apps — bundled by Vite for a browser or an
//   Electron renderer with no Node. It may import only other browser code and the browser-safe
//   packages below (an allow-list: a package not named here is refused until someone checks it).
// - preload: `<app>/electron/preload*.cjs` — Electron's sandboxed preloads, which can require only
//   `electron` and a few Node modules Electron provides there.
// - node: everything else — the hub, the hardware drivers, the Electron main processes
//   (`<app>/electron/main.cjs`, `desktop/`), scripts, and tests (vitest runs them in Node).
//
// And no file anywhere takes part in an import circle.
'use strict';

const BROWSER = '^(shared|ui|kiosk|display|counter-terminal|admin|public-web|central-web)/src/';
/**
 * Not bundled: tests run in Node under vitest; declaration files only tell the compiler; shared's
 * Node-only entry (`@vikno/shared/node`: the audit chain's hash, Mosquitto's secret hash) is imported
 * by the hub and central only.
 */
const NOT_BUNDLED = ['\\.test\\.tsx?$', '\\.d\\.ts$', '^shared/src/node\\.ts$'];

/** npm packages that run in a browser, each checked: no Node built-ins, no native code. */
const BROWSER_PACKAGES = [
  'react', // the apps' UI
  'react-dom',
  'zod', // the contract's schemas
  'mqtt', // mqtt.js's browser build, over WebSocket
  'qrcode', // public-web's booking QR code, the admin's pairing QR code
  'idb-keyval', // where a device page keeps its paired credentials (IndexedDB)
  'espeak-ng', // WASM speech, ui/src/speech
  'chart.js', // the admin monitor's charts (canvas, MIT)
  'react-chartjs-2',
];

/** What Electron lets a sandboxed preload require. */
const PRELOAD_MODULES = ['electron', 'events', 'timers', 'url'];

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Import circles make load order matter and tie modules that should stand alone: move the shared piece down.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'browser-imports-browser-code',
      comment:
        'Browser code (shared/src, ui/src, the apps’ src) imports only browser code of the workspaces: not the hub, the hardware package, the Electron mains or preloads.',
      severity: 'error',
      from: { path: BROWSER, pathNot: NOT_BUNDLED },
      to: { dependencyTypesNot: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown', 'core'], pathNot: BROWSER },
    },
    {
      name: 'browser-imports-browser-packages',
      comment: `Browser code imports only the npm packages known to run in a browser (${BROWSER_PACKAGES.join(', ')}): no Node built-ins, no native or Node-only packages. Add a package to .dependency-cruiser.cjs once it is checked.`,
      severity: 'error',
      from: { path: BROWSER, pathNot: NOT_BUNDLED },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown', 'core'],
        pathNot: `(^|/)node_modules/(${BROWSER_PACKAGES.join('|')})/`,
      },
    },
    {
      name: 'browser-imports-resolve',
      comment: 'An import in browser code that cannot be resolved could be anything (electron is not installed here, for one).',
      severity: 'error',
      from: { path: BROWSER, pathNot: NOT_BUNDLED },
      to: { couldNotResolve: true },
    },
    {
      name: 'preload-imports-sandbox-modules',
      comment: `A sandboxed Electron preload can require only ${PRELOAD_MODULES.join(', ')}.`,
      severity: 'error',
      from: { path: '^[^/]+/electron/preload[^/]*\\.cjs$' },
      to: { pathNot: `^(node:)?(${PRELOAD_MODULES.join('|')})$` },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^[^/]+/dist/' },
    // Type-only imports count: a browser file naming a Node type is a step from importing its value.
    tsPreCompilationDeps: true,
    // As Vite and vitest resolve: each workspace package's TypeScript sources through `source`.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['source', 'import', 'require', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.cjs', '.mjs', '.d.ts'],
    },
  },
};
