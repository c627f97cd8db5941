// Architecture rules, checked by `npm run lint:deps` (part of `npm run lint`, so CI fails on them).
// See docs/architecture-rules.md for why each rule exists.
//
// Paths are relative to the working directory (`^shared/`, not an absolute path), so the same file
// also checks the throw-away trees built by tests/architecture/dependency-rules.test.ts.
//
// Parser: dependency-cruiser reads TypeScript through the `typescript` package's JavaScript API,
// which TypeScript 7 (the native compiler this repo uses) no longer ships; it supports only
// typescript <7 and would silently skip every .ts file ("0 modules cruised", exit 0). So it
// parses with swc (@swc/core, a devDependency). swc sees the source before compilation, so
// type-only imports (`import type ...`) count as dependencies, as tsPreCompilationDeps would.
const path = require('node:path');
const swc = require('@swc/core');

// dependency-cruiser 17 (the last line that runs on Node 20; 18 needs Node 22) hands swc the
// TypeScript syntax without `tsx: true`, so the first .tsx file with JSX stops the whole run with
// a syntax error. Turn TSX on for .tsx files only (in .ts it would misread `<T>value` casts).
// dependency-cruiser reads `swc.parseFileSync` off this same module object at each call.
// dependency-cruiser 18 does this itself; drop this shim when the repo moves to it.
if (!swc.parseFileSync.tsxShim) {
  const parseFileSync = swc.parseFileSync;
  swc.parseFileSync = (file, options) =>
    parseFileSync(file, String(file).endsWith('.tsx') ? { ...options, tsx: true } : options);
  swc.parseFileSync.tsxShim = true;
}

// Packages that pull in a DOM, a socket, an HTTP server, a database or a server logger: not
// isomorphic. A path is `node_modules/<name>/...` once resolved, or the bare name if unresolved.
const NON_ISOMORPHIC_PACKAGES =
  '(^|node_modules/)(react|react-dom|socket\\.io|socket\\.io-client|express|redis|pino)(/|$)';
const TRANSPORT_PACKAGES = '(^|node_modules/)(socket\\.io|socket\\.io-client|express)(/|$)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-is-isomorphic',
      severity: 'error',
      comment:
        'shared/ runs in the browser, the server and the scripts alike: it must not import server/ or ' +
        'client/, nor DOM-, socket-, HTTP-, database- or logger-bound packages.',
      from: { path: '^shared/' },
      to: { path: ['^(server|client)/', NON_ISOMORPHIC_PACKAGES] },
    },
    {
      name: 'shared-is-isomorphic',
      severity: 'error',
      comment:
        'shared/ runs in the browser too: it must not import Node built-ins (node:fs, node:crypto, ...).',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'sim-knows-no-sessions',
      severity: 'error',
      comment:
        'shared/sim is the deterministic model of the city; it knows nothing of sessions, the wire ' +
        'protocol, projections or scenario files. Those depend on it, never the other way round.',
      from: { path: '^shared/sim/' },
      to: { path: '^shared/(session|protocol|views|scenario)/' },
    },
    {
      name: 'views-are-pure',
      severity: 'error',
      comment:
        'shared/views are pure projections of the game state: they import only shared/ code and zod, ' +
        'no server/, client/, Node built-ins or other packages.',
      from: { path: '^shared/views/' },
      to: { pathNot: ['^shared/', '(^|node_modules/)zod(/|$)'] },
    },
    {
      name: 'store-knows-no-transport',
      severity: 'error',
      comment:
        'server/store persists the event log; it knows nothing of how commands arrive or events leave ' +
        '(server/realtime, server/http, socket.io, express).',
      from: { path: '^server/store/' },
      to: { path: ['^server/(realtime|http)/', TRANSPORT_PACKAGES] },
    },
    {
      name: 'client-never-imports-server',
      severity: 'error',
      comment:
        'client/ is bundled for the browser; it talks to the server over the wire and shares code via shared/ only.',
      from: { path: '^client/' },
      to: { path: '^server/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'This import is part of a cycle. Cycles hide the direction of a layer and make load order ' +
        'matter; move the shared piece down a layer or invert the dependency.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-circular-folders',
      severity: 'error',
      scope: 'folder',
      comment:
        'Folders import each other in a loop (e.g. protocol -> views -> session -> protocol): the ' +
        'layers have no direction. Move the shared piece into the lower folder.',
      from: { path: '^(shared|server|client)/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    moduleSystems: ['es6', 'cjs'],
    parser: 'swc',
    tsPreCompilationDeps: true,
    // Inert while no typescript <7 API is installed (dependency-cruiser then ignores it), but kept
    // absolute so it still points at the repo's tsconfig when run from another directory.
    tsConfig: { fileName: path.join(__dirname, 'tsconfig.json') },
    // tsconfig uses moduleResolution "bundler": extensionless relative imports and folder index files.
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.d.ts', '.mjs', '.js', '.cjs', '.json'],
      mainFiles: ['index'],
      exportsFields: ['exports'],
      conditionNames: ['types', 'import', 'require', 'node', 'default'],
      mainFields: ['types', 'typings', 'module', 'main'],
    },
  },
};
