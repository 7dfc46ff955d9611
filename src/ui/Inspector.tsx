// The inspector: what the selected row is, its timing against the deadlines, why it happened (with
// the standard's statement id) and, for a packet, its bytes. Everything is rendered as text.

import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { explain, type Explanation } from '../analysis/explain';
import { useSelectionStore } from '../state/selection';
import { useTraceStore } from '../state/traceStore';
import { usePlaybackStore } from '../state/playback';

export function Inspector() {
  const { store, header, revision } = useTraceStore(
    useShallow((s) => ({ store: s.store, header: s.header, revision: s.revision })),
  );
  const row = useSelectionStore((s) => s.selectedRow);
  const x = useMemo<Explanation | null>(() => {
    void revision;
    if (row === null || row < 0 || row >= store.length) return null;
    return explain(store, row, header);
  }, [store, header, row, revision]);

  return (
    <section className="panel inspector" aria-label="Inspector">
      <h2>Inspector</h2>
      {x === null ? (
        <p className="hint">
          Click a packet, a marker or a connection on the timeline to see what it is and why it happened.
        </p>
      ) : (
        <ExplanationView x={x} client={clientOf(store.get(row as number))} />
      )}
    </section>
  );
}

function clientOf(e: ReturnType<ReturnType<typeof useTraceStore.getState>['store']['get']>): string | null {
  if (e.kind === 'fault') return e.target === 'broker' ? null : e.target;
  return e.client;
}

function ExplanationView({ x, client }: { x: Explanation; client: string | null }) {
  const openLaneMenu = useSelectionStore((s) => s.openLaneMenu);
  return (
    <div className="explanation">
      <h3>{x.title}</h3>
      <p className="why" data-spec-ids={x.specIds.join(' ')}>
        {x.why}
      </p>
      {x.timing.length > 0 && (
        <ul className="timing" aria-label="Timing">
          {x.timing.map((t, i) => (
            <li key={i}>{t}</li>
          ))}
        </ul>
      )}
      <dl className="fields">
        {x.fields.map((f, i) => (
          <div key={i} className="field">
            <dt>{f.name}</dt>
            <dd>{f.value.length > 500 ? `${f.value.slice(0, 500)}…` : f.value}</dd>
          </div>
        ))}
      </dl>
      {x.packet !== null && <HexDump packet={x.packet} />}
      {client !== null && (
        <button
          type="button"
          className="link"
          onClick={(e) => {
            const r = e.currentTarget.getBoundingClientRect();
            openLaneMenu({
              clientId: client,
              t: usePlaybackStore.getState().now,
              clientX: r.left,
              clientY: r.bottom,
            });
          }}
        >
          Add a fault on {client}…
        </button>
      )}
    </div>
  );
}

function HexDump({ packet }: { packet: NonNullable<Explanation['packet']> }) {
  // Re-encode only when the packet itself changes (explanations are rebuilt as rows stream in).
  const key = `${packet.protocol}:${JSON.stringify(packet.event)}`;
  const [state, setState] = useState<{ key: string; text: string } | null>(null);
  const { event, protocol } = packet;
  useEffect(() => {
    let live = true;
    // mqtt-packet is loaded on first use, outside the page's first bundle.
    import('../analysis/encode')
      .then(async ({ encodePacket, hexDump }) => hexDump(await encodePacket(event, protocol)))
      .catch((err: unknown) => `cannot encode: ${err instanceof Error ? err.message : String(err)}`)
      .then((text) => {
        if (live) setState({ key, text });
      });
    return () => {
      live = false;
    };
    // The key stands for the event and the protocol.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const text = state?.key === key ? state.text : 'encoding…';
  return (
    <figure className="hex">
      <figcaption>
        Bytes on the wire (MQTT {packet.protocol === 5 ? '5.0' : '3.1.1'}, as mqtt-packet encodes them)
      </figcaption>
      <pre aria-label="Encoded bytes">{text}</pre>
    </figure>
  );
}
