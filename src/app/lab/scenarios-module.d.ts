declare module 'virtual:reconcile-lab/scenarios' {
  const compiled: import('./scenario-parse.ts').CompiledScenarios;
  export default compiled;
}
