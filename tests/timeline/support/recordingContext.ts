// A recording fake of the Draw2D part of CanvasRenderingContext2D: every call and style change is
// logged, so drawing functions can be checked without a browser.

import type { Draw2D } from '../../../src/timeline/render/draw2d';

export interface Call {
  op: string;
  args: unknown[];
  fillStyle: string;
  strokeStyle: string;
}

export class RecordingContext implements Draw2D {
  fillStyle: string | CanvasGradient | CanvasPattern = '#000000';
  strokeStyle: string | CanvasGradient | CanvasPattern = '#000000';
  lineWidth = 1;
  globalAlpha = 1;
  font = '10px sans-serif';
  textAlign: CanvasTextAlign = 'start';
  textBaseline: CanvasTextBaseline = 'alphabetic';
  readonly calls: Call[] = [];
  private depth = 0;

  private log(op: string, args: unknown[]): void {
    this.calls.push({ op, args, fillStyle: String(this.fillStyle), strokeStyle: String(this.strokeStyle) });
  }

  save(): void {
    this.depth++;
    this.log('save', []);
  }
  restore(): void {
    this.depth--;
    this.log('restore', []);
  }
  beginPath(): void {
    this.log('beginPath', []);
  }
  closePath(): void {
    this.log('closePath', []);
  }
  moveTo(x: number, y: number): void {
    this.log('moveTo', [x, y]);
  }
  lineTo(x: number, y: number): void {
    this.log('lineTo', [x, y]);
  }
  rect(x: number, y: number, w: number, h: number): void {
    this.log('rect', [x, y, w, h]);
  }
  arc(x: number, y: number, r: number, a0: number, a1: number): void {
    this.log('arc', [x, y, r, a0, a1]);
  }
  fill(): void {
    this.log('fill', []);
  }
  stroke(): void {
    this.log('stroke', []);
  }
  fillRect(x: number, y: number, w: number, h: number): void {
    this.log('fillRect', [x, y, w, h]);
  }
  strokeRect(x: number, y: number, w: number, h: number): void {
    this.log('strokeRect', [x, y, w, h]);
  }
  clearRect(x: number, y: number, w: number, h: number): void {
    this.log('clearRect', [x, y, w, h]);
  }
  fillText(text: string, x: number, y: number): void {
    this.log('fillText', [text, x, y]);
  }
  clip(): void {
    this.log('clip', []);
  }
  setLineDash(segments: number[]): void {
    this.log('setLineDash', [segments]);
  }

  /** Balanced save/restore so far. */
  get balanced(): boolean {
    return this.depth === 0;
  }

  count(op: string): number {
    return this.calls.filter((c) => c.op === op).length;
  }

  texts(): string[] {
    return this.calls.filter((c) => c.op === 'fillText').map((c) => String(c.args[0]));
  }
}
