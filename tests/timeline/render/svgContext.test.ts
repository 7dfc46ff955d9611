// SVG export with client IDs and topics that hold what XML 1.0 cannot (control characters, lone
// surrogates, U+FFFE): the document stays well-formed XML, each such character drawn as a visible sign.
import { describe, expect, it } from 'vitest';
import { exportTimelineSvg } from '../../../src/timeline/exportImage';
import { TimelineModel } from '../../../src/timeline/model';
import { escapeXml } from '../../../src/timeline/render/svgContext';
import { TraceStore } from '../../../src/trace/store';

/** Whether every code point of `text` is an XML 1.0 Char (#x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-). */
function onlyXmlChars(text: string): boolean {
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    const ok =
      c === 0x9 ||
      c === 0xa ||
      c === 0xd ||
      (c >= 0x20 && c <= 0xd7ff) ||
      (c >= 0xe000 && c <= 0xfffd) ||
      c >= 0x10000;
    if (!ok) return false;
  }
  return true;
}

const IDS = [
  'esc\u001b[2J',
  'bell\u0007',
  'nul\u0000',
  'lone\ud800',
  'low\udc00x',
  'nonchar\ufffe',
  'del\u007f',
  'ok🌡',
];

function model(): TimelineModel {
  const store = new TraceStore();
  IDS.forEach((id, i) => {
    store.packet(i * 10, 'c2b', id, i + 1, 'CONNECT', i * 10 + 5, { keepAlive: 10 });
    store.packet(i * 10 + 6, 'c2b', id, i + 1, 'PUBLISH', i * 10 + 8, {
      topic: `t/${id}`,
      qos: 0,
      retain: false,
      payload: id,
    });
  });
  return new TimelineModel(store, { durationMs: 1000 });
}

describe('SVG export of client IDs XML cannot hold', () => {
  it('writes a document made only of XML characters', () => {
    const svg = exportTimelineSvg({
      model: model(),
      theme: 'light',
      width: 900,
      height: 600,
      viewport: { t0: 0, t1: 1000, laneScroll: 0, laneHeight: 40, collapsedGroups: new Set<string>() },
    });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(onlyXmlChars(svg)).toBe(true);
    expect(svg).toContain('esc\u241b[2J');
  });

  it('draws control characters as Control Pictures and what has no form as U+FFFD, keeping pairs whole', () => {
    expect(escapeXml('a\u001bb\u0000\u007f')).toBe('a\u241bb\u2400\u2421');
    expect(escapeXml('\ud800x\udc00\ufffe\uffff')).toBe('\ufffdx\ufffd\ufffd\ufffd');
    expect(escapeXml('tab\tline\ncr\r 🌡 <&>"\'')).toBe('tab\tline\ncr\r 🌡 &lt;&amp;&gt;&quot;&#39;');
  });
});
