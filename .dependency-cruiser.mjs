/**
 * Architecture rules, checked by `npm run lint` (depcruise). Imports run one way:
 * workers/ (entry points) → src/; browser code → browser code only; nothing in a cycle.
 */
const BROWSER = '^src/(protocol|browser|[^/]+/client)/';

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle makes load order matter and layers meaningless.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'src-not-to-workers',
      comment: 'workers/ holds process entry points that import src/, never the reverse.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^workers/' },
    },
    {
      name: 'browser-not-to-server',
      comment: 'The widget, the dashboard and src/protocol run in browsers: they import browser code only (and CoalescedTask, which imports nothing).',
      severity: 'error',
      from: { path: BROWSER },
      to: { path: '^src/', pathNot: [BROWSER, '^src/shared/coalesced-task\\.ts$'] },
    },
    {
      name: 'browser-not-to-node',
      comment: 'Browser code cannot load Node built-ins.',
      severity: 'error',
      from: { path: BROWSER },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'base-layers-not-to-features',
      comment: 'config and shared sit below the feature folders (configuration is read in one place).',
      severity: 'error',
      from: { path: '^src/(config|shared)/' },
      to: { path: '^src/(app|gateway|ingestion|streams|widget|dashboard|classification|headlines)/' },
    },
    {
      name: 'not-to-tests-or-bench',
      comment: 'Shipped code never imports the test or bench harness.',
      severity: 'error',
      from: { path: '^(src|workers)/' },
      to: { path: '^(tests|bench|scripts)/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve is a typo or a missing dependency. (scripts/ may use tools installed only to regenerate data.)',
      severity: 'error',
      from: { pathNot: '^scripts/' },
      // tsx/esm/api (the parser threads' loader) resolves at run time through tsx's conditional
      // exports, which the resolver here does not follow; the parser-pool tests load it for real.
      to: { couldNotResolve: true, pathNot: '^tsx/esm/api$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.js', '.json'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
