declare module 'virtual:reconcile-lab/scenarios' {
  const compiled: import('./scenario-parse.ts').CompiledScenarios;
  export default compiled;
}

declare module 'virtual:reconcile-lab/first-screen' {
  /** The ids of the bundled scenarios the build found, parsed or not. */
  export const BUNDLED_IDS: readonly string[];
  /** The default lab's first frame, or null when its scenario does not parse. */
  export const FIRST_FRAME: import('./first-frame.ts').FirstFrame | null;
}
