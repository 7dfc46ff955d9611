// Kept for scripts that import this path: the helper lives in src/devtools/staticServer.ts.
export * from '../../../src/devtools/staticServer';
