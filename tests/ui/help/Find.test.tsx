// @vitest-environment happy-dom
// Find in a DOM: typing lists the matching client IDs, Go selects the client's first trouble and
// highlights its lane, the kind buttons jump to the next event of that kind, and a miss says so.

import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { usePanelsStore } from '../../../src/state/prefs';
import { useSelectionStore } from '../../../src/state/selection';
import { useViewport } from '../../../src/state/viewport';
import { Find } from '../../../src/ui/help/Find';
import { currentTimeline } from '../../../src/ui/timeline/currentTimeline';
import { presetModel } from '../../timeline/support/traces';

const model = presetModel('crash-vs-power-off');

beforeEach(() => {
  currentTimeline.model = model;
  useSelectionStore.getState().clear();
  useViewport.getState().setExtent(...(model.extent as [number, number]));
  act(() => usePanelsStore.getState().setDialog('find'));
});

afterEach(() => {
  cleanup();
  act(() => usePanelsStore.getState().setDialog(null));
});

describe('Find', () => {
  it('lists the clients that match what is typed', () => {
    render(<Find />);
    fireEvent.change(screen.getByLabelText('Client ID'), { target: { value: 'sensor' } });
    const matches = screen.getByRole('list', { name: 'Matching clients' });
    expect([...matches.querySelectorAll('button')].map((b) => b.textContent)).toEqual([
      'sensor-1',
      'sensor-2',
      'sensor-3',
    ]);
  });

  it('goes to a client: selects its first trouble, highlights its lane, zooms to it, and closes', () => {
    render(<Find />);
    fireEvent.change(screen.getByLabelText('Client ID'), { target: { value: 'sensor-1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Go to client' }));
    const selected = useSelectionStore.getState().selectedRow;
    expect(selected).not.toBeNull();
    const e = model.store.get(selected ?? -1);
    expect(e).toMatchObject({ kind: 'fault', target: 'sensor-1', fault: 'power-off' });
    expect(useSelectionStore.getState().highlight?.lanes).toEqual(['sensor-1']);
    const { t0, t1 } = useViewport.getState();
    expect(e.t).toBeGreaterThan(t0);
    expect(e.t).toBeLessThan(t1);
    expect(t1 - t0).toBeLessThan(60_000);
    expect(usePanelsStore.getState().dialog).toBeNull();
  });

  it('jumps to the next will, and says so when there is none after the selection', () => {
    render(<Find />);
    fireEvent.click(screen.getByRole('button', { name: 'Next will' }));
    const first = useSelectionStore.getState().selectedRow ?? -1;
    expect(model.store.get(first).kind).toBe('will');
    for (let i = 0; i < 3; i++) {
      act(() => usePanelsStore.getState().setDialog('find'));
      fireEvent.click(screen.getByRole('button', { name: 'Next will' }));
    }
    expect(screen.getByRole('status').textContent).toBe('No will after this point.');
  });

  it('says so when no client has the ID asked for', () => {
    render(<Find />);
    fireEvent.change(screen.getByLabelText('Client ID'), { target: { value: 'nobody-here' } });
    fireEvent.click(screen.getByRole('button', { name: 'Go to client' }));
    expect(screen.getByRole('status').textContent).toBe('No client "nobody-here" in this trace.');
  });
});
