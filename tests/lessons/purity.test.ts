// The lessons package is pure: a lesson and its profile fully determine what it shows. No wall clock,
// no Math.random, no DOM, no React, and imports only from the packages below it.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../../src/lessons');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

/** The code without its comments (they may well say "no Math.random"). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

const SOURCES = files(ROOT).map((f) => [relative(ROOT, f), code(readFileSync(f, 'utf8'))] as const);

const FORBIDDEN: [RegExp, string][] = [
  [/Math\.random/, 'Math.random'],
  [/Date\.now|new Date\b|performance\.now/, 'the wall clock'],
  [/\b(document|window|localStorage|setTimeout|setInterval)\b\s*[.(]/, 'the browser'],
];

/** Folders of src/ a lesson may import from (scenario, sim and analysis sit below lessons). */
const ALLOWED_IMPORTS = /^(\.\/|\.\.\/(scenario|sim|analysis|trace|base)\/|lz-string$)/;

describe('src/lessons', () => {
  it('has its sources', () => {
    expect(SOURCES.map(([name]) => name)).toContain('index.ts');
  });

  it.each(SOURCES)('%s reads no clock, no randomness and no browser', (_name, text) => {
    for (const [pattern, what] of FORBIDDEN) expect(pattern.test(text), what).toBe(false);
  });

  it.each(SOURCES)('%s imports only what lessons may use', (name, text) => {
    const imports = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    const inCatalog = name.startsWith('catalog');
    for (const source of imports) {
      const ok = inCatalog ? /^(\.\/|\.\.\/types$)/.test(source) : ALLOWED_IMPORTS.test(source);
      expect(ok, source).toBe(true);
    }
  });
});
