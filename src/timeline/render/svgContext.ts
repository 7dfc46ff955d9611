// A Draw2D that writes SVG: the timeline's drawing functions run unchanged and produce elements for
// slides. Text goes through escapeXml (a topic or client ID such as `<img src=x onerror=…>` stays
// text); colours with alpha become a colour plus an opacity, which every SVG reader understands.

import { color } from 'd3';
import type { Draw2D } from './draw2d';

const MARKUP: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * What XML 1.0 cannot hold, not even as a character reference (a client ID may have any of it): C0
 * controls but tab and line breaks are drawn as their Control Pictures (ESC as ␛), DEL as ␡; lone
 * surrogates, U+FFFE and U+FFFF as U+FFFD. Null when the character is fine.
 */
function shownInstead(s: string, i: number): string | null {
  const c = s.charCodeAt(i);
  if (c < 0x20) return c === 0x09 || c === 0x0a || c === 0x0d ? null : String.fromCharCode(0x2400 + c);
  if (c === 0x7f) return '\u2421';
  if (c === 0xfffe || c === 0xffff) return '\ufffd';
  if (c >= 0xd800 && c <= 0xdbff) {
    const next = s.charCodeAt(i + 1);
    return next >= 0xdc00 && next <= 0xdfff ? null : '\ufffd';
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const prev = i > 0 ? s.charCodeAt(i - 1) : 0;
    return prev >= 0xd800 && prev <= 0xdbff ? null : '\ufffd';
  }
  return null;
}

export function escapeXml(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    out += MARKUP[ch] ?? shownInstead(s, i) ?? ch;
  }
  return out;
}

interface State {
  fillStyle: string;
  strokeStyle: string;
  lineWidth: number;
  globalAlpha: number;
  font: string;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
  dash: number[];
  /** Open <g clip-path> groups to close on restore. */
  clips: number;
}

function n(v: number): string {
  return Number.isFinite(v) ? String(Math.round(v * 100) / 100) : '0';
}

/** `#rrggbb` and opacity for a CSS colour (black when it cannot be parsed). */
function paint(css: string, alpha: number): { hex: string; opacity: number } {
  const c = color(css);
  if (c === null) return { hex: '#000000', opacity: alpha };
  const r = c.rgb();
  return { hex: r.formatHex(), opacity: Math.max(0, Math.min(1, r.opacity * alpha)) };
}

export class SvgContext implements Draw2D {
  fillStyle: string | CanvasGradient | CanvasPattern = '#000000';
  strokeStyle: string | CanvasGradient | CanvasPattern = '#000000';
  lineWidth = 1;
  globalAlpha = 1;
  font = '10px sans-serif';
  textAlign: CanvasTextAlign = 'start';
  textBaseline: CanvasTextBaseline = 'alphabetic';

  private readonly out: string[] = [];
  private readonly defs: string[] = [];
  private readonly stack: State[] = [];
  private path = '';
  private dash: number[] = [];
  private clips = 0;
  private clipIds = 0;

  save(): void {
    this.stack.push({
      fillStyle: this.css(this.fillStyle),
      strokeStyle: this.css(this.strokeStyle),
      lineWidth: this.lineWidth,
      globalAlpha: this.globalAlpha,
      font: this.font,
      textAlign: this.textAlign,
      textBaseline: this.textBaseline,
      dash: this.dash,
      clips: this.clips,
    });
    this.clips = 0;
  }

  restore(): void {
    for (; this.clips > 0; this.clips--) this.out.push('</g>');
    const s = this.stack.pop();
    if (s === undefined) return;
    this.fillStyle = s.fillStyle;
    this.strokeStyle = s.strokeStyle;
    this.lineWidth = s.lineWidth;
    this.globalAlpha = s.globalAlpha;
    this.font = s.font;
    this.textAlign = s.textAlign;
    this.textBaseline = s.textBaseline;
    this.dash = s.dash;
    this.clips = s.clips;
  }

  beginPath(): void {
    this.path = '';
  }

  closePath(): void {
    this.path += 'Z';
  }

  moveTo(x: number, y: number): void {
    this.path += `M${n(x)} ${n(y)}`;
  }

  lineTo(x: number, y: number): void {
    this.path += `L${n(x)} ${n(y)}`;
  }

  rect(x: number, y: number, w: number, h: number): void {
    this.path += `M${n(x)} ${n(y)}h${n(w)}v${n(h)}h${n(-w)}Z`;
  }

  arc(x: number, y: number, r: number, start: number, end: number, ccw = false): void {
    const sweep = ccw ? start - end : end - start;
    const x0 = x + r * Math.cos(start);
    const y0 = y + r * Math.sin(start);
    this.path += this.path === '' ? `M${n(x0)} ${n(y0)}` : `L${n(x0)} ${n(y0)}`;
    if (Math.abs(sweep) >= 2 * Math.PI - 1e-9) {
      // A full circle: two half arcs.
      const xm = x - r * Math.cos(start);
      const ym = y - r * Math.sin(start);
      this.path += `A${n(r)} ${n(r)} 0 1 1 ${n(xm)} ${n(ym)}A${n(r)} ${n(r)} 0 1 1 ${n(x0)} ${n(y0)}`;
      return;
    }
    const x1 = x + r * Math.cos(end);
    const y1 = y + r * Math.sin(end);
    const large = Math.abs(sweep) > Math.PI ? 1 : 0;
    this.path += `A${n(r)} ${n(r)} 0 ${large} ${ccw ? 0 : 1} ${n(x1)} ${n(y1)}`;
  }

  fill(): void {
    if (this.path === '') return;
    this.out.push(`<path d="${this.path}"${this.fillAttrs()}/>`);
  }

  stroke(): void {
    if (this.path === '') return;
    this.out.push(`<path d="${this.path}" fill="none"${this.strokeAttrs()}/>`);
  }

  fillRect(x: number, y: number, w: number, h: number): void {
    this.out.push(`<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}"${this.fillAttrs()}/>`);
  }

  strokeRect(x: number, y: number, w: number, h: number): void {
    this.out.push(
      `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="none"${this.strokeAttrs()}/>`,
    );
  }

  clearRect(): void {
    // The SVG starts empty; a cleared area needs nothing.
  }

  fillText(text: string, x: number, y: number): void {
    const anchor =
      this.textAlign === 'center'
        ? 'middle'
        : this.textAlign === 'right' || this.textAlign === 'end'
          ? 'end'
          : 'start';
    const baseline =
      this.textBaseline === 'middle'
        ? 'central'
        : this.textBaseline === 'top' || this.textBaseline === 'hanging'
          ? 'hanging'
          : this.textBaseline === 'bottom'
            ? 'text-after-edge'
            : 'alphabetic';
    this.out.push(
      `<text x="${n(x)}" y="${n(y)}" text-anchor="${anchor}" dominant-baseline="${baseline}" ` +
        `style="font: ${escapeXml(this.font)}"${this.fillAttrs()}>${escapeXml(text)}</text>`,
    );
  }

  clip(): void {
    const id = `c${this.clipIds++}`;
    this.defs.push(`<clipPath id="${id}"><path d="${this.path}"/></clipPath>`);
    this.out.push(`<g clip-path="url(#${id})">`);
    this.clips++;
  }

  setLineDash(segments: number[]): void {
    this.dash = segments.slice();
  }

  getLineDash(): number[] {
    return this.dash.slice();
  }

  /** The document: `width` × `height` CSS px. */
  toSvg(width: number, height: number, title = 'Timeline'): string {
    const body = this.out.slice();
    for (let k = this.clips; k > 0; k--) body.push('</g>');
    return (
      `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" ` +
      `viewBox="0 0 ${n(width)} ${n(height)}" role="img">` +
      `<title>${escapeXml(title)}</title>` +
      (this.defs.length > 0 ? `<defs>${this.defs.join('')}</defs>` : '') +
      body.join('') +
      '</svg>'
    );
  }

  private css(style: string | CanvasGradient | CanvasPattern): string {
    return typeof style === 'string' ? style : '#000000';
  }

  private fillAttrs(): string {
    const p = paint(this.css(this.fillStyle), this.globalAlpha);
    return ` fill="${p.hex}"${p.opacity < 1 ? ` fill-opacity="${n(p.opacity)}"` : ''}`;
  }

  private strokeAttrs(): string {
    const p = paint(this.css(this.strokeStyle), this.globalAlpha);
    const dash = this.dash.length > 0 ? ` stroke-dasharray="${this.dash.map(n).join(' ')}"` : '';
    return (
      ` stroke="${p.hex}" stroke-width="${n(this.lineWidth)}"` +
      (p.opacity < 1 ? ` stroke-opacity="${n(p.opacity)}"` : '') +
      dash
    );
  }
}
