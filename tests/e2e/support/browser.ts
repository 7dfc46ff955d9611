// Kept for scripts that import this path: the helper lives in src/devtools/browser.ts.
export * from '../../../src/devtools/browser';
