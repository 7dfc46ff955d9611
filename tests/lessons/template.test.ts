import { describe, expect, it } from 'vitest';
import { TemplateError, parseTemplate, templateRefs } from '../../src/lessons/template';
import { parseRef, RefError } from '../../src/lessons/ref';

function column(text: string): [number, string] {
  try {
    parseTemplate(text);
  } catch (err) {
    if (err instanceof TemplateError) return [err.column, err.message];
    throw err;
  }
  throw new Error(`no error for ${text}`);
}

describe('parseTemplate', () => {
  it('splits literal text from refs, with the column of each ref', () => {
    const parts = parseTemplate('At {fault.sensor-1.atS} s, {profile.title}.');
    expect(parts).toEqual([
      'At ',
      { ref: parseRef('fault.sensor-1.atS'), column: 4 },
      ' s, ',
      { ref: parseRef('profile.title'), column: 28 },
      '.',
    ]);
    expect(templateRefs(parts).map((r) => r.text)).toEqual(['fault.sensor-1.atS', 'profile.title']);
  });

  it('writes a literal brace for {{ and }}', () => {
    expect(parseTemplate('a {{b}} c')).toEqual(['a {b} c']);
  });

  it.each([
    ['a } b', 3, 'column 3: a "}" without its "{" (write "}}" for a brace)'],
    ['a {will.x.atS b', 3, 'column 3: a "{" without its "}" (write "{{" for a brace)'],
    ['a {will.x.{atS} b', 3, 'column 3: a "{" without its "}" (write "{{" for a brace)'],
    ['ok {will.x.nope}', 4, 'column 4: {will.x.nope}: unknown field "nope" (will has atS, '],
  ])('rejects %j at column %i', (text, col, message) => {
    const [c, m] = column(text);
    expect(c).toBe(col);
    expect(m.startsWith(message)).toBe(true);
  });
});

describe('parseRef', () => {
  it('splits the field off at the last dot and the kind at the first', () => {
    const ref = parseRef('packet:PINGREQ.sensor.a#3.atS');
    expect(ref).toMatchObject({ kind: 'event', profile: null, field: 'atS', type: 'number' });
    expect(ref.kind === 'event' && ref.selector.client).toBe('sensor.a');
  });

  it('reads an @profile prefix, even one with a dot in its name', () => {
    expect(parseRef('@mosquitto-2.0:timeout.sensor.afterLastPacketS')).toMatchObject({
      kind: 'event',
      profile: 'mosquitto-2.0',
      field: 'afterLastPacketS',
    });
  });

  it('types hex and text fields as text', () => {
    expect(parseRef('packet.x.reasonCodeHex')).toMatchObject({ type: 'text' });
    expect(parseRef('will.x.topic')).toMatchObject({ type: 'text' });
  });

  it.each([
    ['timeout.atS', 'must be {selector.field} or {@profile:selector.field} (got {timeout.atS})'],
    ['@nope:timeout.x.atS', 'unknown broker profile "nope" after "@"'],
    ['will.x.causeHex', 'unknown field "causeHex" (will has atS, '],
    ['fault.x.queued', 'fault has no field "queued" (it belongs to session)'],
    ['bogus.x.atS', 'selector bogus.x: unknown kind "bogus"'],
  ])('rejects %j', (text, message) => {
    expect(() => parseRef(text)).toThrow(RefError);
    expect(() => parseRef(text)).toThrow(message);
  });
});
