// The part of CanvasRenderingContext2D the timeline draws with. A real canvas context satisfies it,
// and so do the SVG writer (exportImage) and the recording fake of the unit tests, so one set of
// drawing functions serves the screen, the slides and the tests.

export type Draw2D = Pick<
  CanvasRenderingContext2D,
  | 'save'
  | 'restore'
  | 'beginPath'
  | 'closePath'
  | 'moveTo'
  | 'lineTo'
  | 'rect'
  | 'arc'
  | 'fill'
  | 'stroke'
  | 'fillRect'
  | 'strokeRect'
  | 'clearRect'
  | 'fillText'
  | 'clip'
  | 'setLineDash'
  | 'fillStyle'
  | 'strokeStyle'
  | 'lineWidth'
  | 'globalAlpha'
  | 'font'
  | 'textAlign'
  | 'textBaseline'
>;

/** Approximate width of text in the 12 px UI font, for truncating labels without measureText per frame. */
export function approxTextWidth(text: string, fontPx = 12): number {
  return text.length * fontPx * 0.58;
}

/** `text` cut with an ellipsis to fit `maxWidth` px (approximately). */
export function fitText(text: string, maxWidth: number, fontPx = 12): string {
  if (approxTextWidth(text, fontPx) <= maxWidth) return text;
  const chars = Math.max(0, Math.floor(maxWidth / (fontPx * 0.58)) - 1);
  return chars <= 0 ? '' : `${text.slice(0, chars)}…`;
}
