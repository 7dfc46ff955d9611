// The GitHub Pages workflow is checked by a real validator (@action-validator/core: the workflow JSON
// schema of SchemaStore, compiled to WebAssembly, offline), not by reading its text: a misspelt key,
// a wrong type or a missing `runs-on` fails here before it fails on GitHub.
import { readFileSync } from 'node:fs';
import { validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';

const path = '.github/workflows/pages.yml';
const source = readFileSync(path, 'utf8');

/** The validator's errors as lines (path and detail), for a readable failure. */
function problems(text: string): string[] {
  const state = validateWorkflow(text);
  const lines: string[] = [];
  const walk = (errors: typeof state.errors, depth: number): void => {
    for (const e of errors) {
      lines.push(
        `${'  '.repeat(depth)}${'path' in e ? e.path : ''} ${e.title}${e.detail ? `: ${e.detail}` : ''}`,
      );
      if ('states' in e) for (const s of e.states ?? []) walk(s.errors, depth + 1);
    }
  };
  walk(state.errors, 0);
  return lines;
}

describe(path, () => {
  it('is a valid GitHub Actions workflow', () => {
    expect(validateWorkflow(source).actionType).toBe('workflow');
    expect(problems(source)).toEqual([]);
  });

  it('is really checked: a broken copy is refused', () => {
    expect(
      problems(source.replace('runs-on: ubuntu-latest', 'runs-onn: ubuntu-latest')).length,
    ).toBeGreaterThan(0);
    expect(problems(source.replace('timeout-minutes: 90', 'timeout-minutes: ninety')).length).toBeGreaterThan(
      0,
    );
    expect(problems(`${source}\nnot-a-key: true\n`).length).toBeGreaterThan(0);
  });

  it('runs the tests before it publishes dist/ to GitHub Pages', () => {
    // The test job runs .ci/run (the same script CI runs: checks, unit and e2e tests, the build) and
    // uploads dist/; the deploy job waits for it.
    const ci = readFileSync('.ci/run', 'utf8');
    for (const command of [
      'npm run typecheck',
      'npm run lint',
      'npm test',
      'npm run build',
      'npm run test:e2e',
    ])
      expect(ci).toContain(command);
    expect(source).toMatch(/run: bash \.ci\/run/);
    expect(source).toMatch(/uses: actions\/upload-pages-artifact@v\d+\s+with:\s+path: dist/);
    expect(source).toMatch(/deploy:\s+needs: test-and-build/);
    expect(source).toMatch(/uses: actions\/deploy-pages@v\d+/);
  });
});
