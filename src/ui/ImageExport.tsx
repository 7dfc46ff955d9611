// Export PNG / Export SVG: the visible timeline as an image for slides (src/timeline/exportImage.ts,
// loaded on first use).

import { useShallow } from 'zustand/react/shallow';
import { usePlaybackStore } from '../state/playback';
import { useSelectionStore } from '../state/selection';
import { useTraceStore } from '../state/traceStore';
import { downloadBlob } from './download';
import { useCanvasScale, useTheme } from './theme';
import { currentTimeline } from './timeline/currentTimeline';

export function ImageExportButtons() {
  const { name, origin } = useTraceStore(useShallow((s) => ({ name: s.traceName, origin: s.origin })));
  const theme = useTheme();
  const scale = useCanvasScale();

  const save = async (kind: 'png' | 'svg'): Promise<void> => {
    const { model, element } = currentTimeline;
    if (model === null || element === null) return;
    const { exportTimelinePng, exportTimelineSvg } = await import('../timeline/exportImage');
    const options = {
      model,
      theme,
      scale,
      width: element.clientWidth,
      height: element.clientHeight,
      playhead: usePlaybackStore.getState().now,
      selectedRow: useSelectionStore.getState().selectedRow,
    };
    if (kind === 'svg') {
      const svg = exportTimelineSvg(options);
      downloadBlob(new Blob([svg], { type: 'image/svg+xml' }), `${name}.timeline.svg`);
    } else {
      downloadBlob(await exportTimelinePng({ ...options, pixelRatio: 2 }), `${name}.timeline.png`);
    }
  };

  const report = (err: unknown): void =>
    useTraceStore
      .getState()
      .notify(
        'error',
        'image',
        `The image could not be made: ${err instanceof Error ? err.message : String(err)}`,
      );

  return (
    <>
      <button type="button" disabled={origin === 'none'} onClick={() => save('png').catch(report)}>
        Export PNG
      </button>
      <button type="button" disabled={origin === 'none'} onClick={() => save('svg').catch(report)}>
        Export SVG
      </button>
    </>
  );
}
