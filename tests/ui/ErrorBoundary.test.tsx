// The error boundary: a failure in the part it wraps becomes one line and a Reload button in that
// part's place; Reload renders the part again. (Rendered with React's server renderer: the failure is
// given to the boundary as React would give it, through getDerivedStateFromError.)
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ErrorBoundary, oneLine } from '../../src/ui/ErrorBoundary';

function boundary(onReload?: () => void): ErrorBoundary {
  const b = new ErrorBoundary({ label: 'The timeline', children: <p>lanes</p>, onReload });
  // setState outside a renderer: apply the update at once, as React would on the next render.
  b.setState = ((update: object) => Object.assign(b.state, update)) as typeof b.setState;
  return b;
}

describe('ErrorBoundary', () => {
  it('renders its part while nothing fails', () => {
    expect(renderToStaticMarkup(<ErrorBoundary label="The timeline">{<p>lanes</p>}</ErrorBoundary>)).toBe(
      '<p>lanes</p>',
    );
  });

  it('shows a failure as one line of text and a Reload button, in an alert', () => {
    const b = boundary();
    Object.assign(
      b.state,
      ErrorBoundary.getDerivedStateFromError(new RangeError('Map maximum size exceeded\n    at Map.set')),
    );
    const html = renderToStaticMarkup(<>{b.render()}</>);
    expect(html).toBe(
      '<p role="alert" class="notice error error-boundary"><span class="notice-text">The timeline failed: Map maximum size exceeded</span> <button type="button">Reload</button></p>',
    );
  });

  it('shows a hostile message as text, never as markup, and at most 200 characters', () => {
    expect(oneLine(new Error('<img src=x onerror=alert(1)>'))).toBe('<img src=x onerror=alert(1)>');
    const b = boundary();
    Object.assign(b.state, ErrorBoundary.getDerivedStateFromError(new Error('<img src=x onerror=alert(1)>')));
    expect(renderToStaticMarkup(<>{b.render()}</>)).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(oneLine(new Error('x'.repeat(5000)))).toHaveLength(200);
    expect(oneLine('')).toBe('unknown error');
  });

  it('renders the part again on Reload, after the app had a chance to put its state right', () => {
    let reloaded = 0;
    const b = boundary(() => reloaded++);
    Object.assign(b.state, ErrorBoundary.getDerivedStateFromError(new Error('boom')));
    b.reload();
    expect(reloaded).toBe(1);
    expect(renderToStaticMarkup(<>{b.render()}</>)).toBe('<p>lanes</p>');
  });
});
