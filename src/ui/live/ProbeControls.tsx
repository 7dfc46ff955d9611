// Probe clients: start real MQTT clients in this page with a client ID, keep alive, will, clean start
// and protocol, then make them misbehave and watch the broker react on the timeline.
import { useId, useState, type FormEvent } from 'react';
import type { LiveClientOptions } from '../../live/options';
import type { ProbeAction } from '../../live/probes';
import type { LiveSessionApi } from '../../live/remote';
import type { ProbeInfo } from '../../live/session';
import type { LiveTraceApi } from '../../live/types';
import { probeStatusText } from './describe';
import { ensureLiveSession } from './sessionHolder';

interface ProbeForm {
  clientId: string;
  keepAlive: string;
  protocol: 4 | 5;
  cleanStart: boolean;
  willTopic: string;
  willPayload: string;
  willQos: 0 | 1 | 2;
  willRetain: boolean;
  willDelay: string;
}

const ACTIONS: { action: ProbeAction; label: string; title: string; needsOpen: boolean; v5?: boolean }[] = [
  {
    action: 'silence',
    label: 'Silence',
    title:
      'Send nothing more (no PINGREQ) and keep the socket open: the broker must time it out after 1.5 × keep alive.',
    needsOpen: true,
  },
  {
    action: 'crash',
    label: 'Crash',
    title: 'Close the socket without DISCONNECT, as when the process dies: the will is published.',
    needsOpen: true,
  },
  {
    action: 'disconnect',
    label: 'Disconnect',
    title: 'Send DISCONNECT, then close: no will.',
    needsOpen: true,
  },
  {
    action: 'disconnect-with-will',
    label: 'Disconnect with will',
    title: 'MQTT 5 DISCONNECT with reason 0x04: the will is published.',
    needsOpen: true,
    v5: true,
  },
  {
    action: 'clone',
    label: 'Clone',
    title: 'Connect a second probe with the same client ID: the broker takes the ID over.',
    needsOpen: false,
  },
  {
    action: 'reconnect',
    label: 'Reconnect',
    title: 'Open a new connection with the same settings.',
    needsOpen: false,
  },
];

export interface ProbeControlsProps {
  trace: LiveTraceApi;
  session: LiveSessionApi | null;
  probes: readonly ProbeInfo[];
  /** The broker URL probes connect to (the page's connection's). */
  url: string | null;
}

let nextProbe = 1;

export function ProbeControls({ trace, session, probes, url }: ProbeControlsProps) {
  const id = useId();
  const [form, setForm] = useState<ProbeForm>(() => ({
    clientId: `probe-${nextProbe}`,
    keepAlive: '2',
    protocol: 4,
    cleanStart: true,
    willTopic: 'keepalive-lab/probes/{id}/status',
    willPayload: 'offline',
    willQos: 1,
    willRetain: false,
    willDelay: '0',
  }));
  const [error, setError] = useState<string | null>(null);
  const set = <K extends keyof ProbeForm>(key: K, value: ProbeForm[K]): void =>
    setForm((f) => ({ ...f, [key]: value }));

  const start = (e: FormEvent): void => {
    e.preventDefault();
    setError(null);
    if (url === null) {
      setError('Connect to a broker first: probes use the same broker URL.');
      return;
    }
    const keepAlive = Number(form.keepAlive);
    if (!Number.isInteger(keepAlive) || keepAlive < 0 || keepAlive > 65535) {
      setError(`Keep alive: must be a whole number of seconds 0..65535 (got "${form.keepAlive}")`);
      return;
    }
    if (form.clientId === '') {
      setError('Client ID: required for a probe');
      return;
    }
    const delay = Number(form.willDelay);
    const options: LiveClientOptions = {
      url,
      clientId: form.clientId,
      protocol: form.protocol,
      keepAlive,
      cleanStart: form.cleanStart,
      ...(form.willTopic !== ''
        ? {
            will: {
              topic: form.willTopic.replaceAll('{id}', form.clientId),
              payload: form.willPayload,
              qos: form.willQos,
              retain: form.willRetain,
              ...(form.protocol === 5 && delay > 0 ? { delay } : {}),
            },
          }
        : {}),
    };
    nextProbe++;
    setForm((f) => ({ ...f, clientId: `probe-${nextProbe}` }));
    ensureLiveSession(trace)
      .startProbe(options)
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  };

  const act = (p: ProbeInfo, action: ProbeAction): void => {
    setError(null);
    session
      ?.probeAction(p.key, action)
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  };

  return (
    <section className="live-probes" aria-label="Probe clients">
      <p className="hint">
        Real clients started in this page with your settings: silence, crash or clone one and watch the broker
        react on the timeline.
      </p>
      <form onSubmit={start} className="live-probe-form" aria-label="New probe">
        <label>
          Client ID{' '}
          <input
            id={`${id}-cid`}
            type="text"
            value={form.clientId}
            onChange={(e) => set('clientId', e.target.value)}
            spellCheck={false}
          />
        </label>
        <label>
          Keep alive (s){' '}
          <input
            type="number"
            min={0}
            max={65535}
            value={form.keepAlive}
            onChange={(e) => set('keepAlive', e.target.value)}
          />
        </label>
        <label>
          Version{' '}
          <select
            value={String(form.protocol)}
            onChange={(e) => set('protocol', e.target.value === '5' ? 5 : 4)}
          >
            <option value="4">3.1.1</option>
            <option value="5">5.0</option>
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={form.cleanStart}
            onChange={(e) => set('cleanStart', e.target.checked)}
          />{' '}
          Clean start
        </label>
        <label className="live-wide">
          Will topic{' '}
          <input
            type="text"
            value={form.willTopic}
            onChange={(e) => set('willTopic', e.target.value)}
            spellCheck={false}
            placeholder="(no will)"
          />
        </label>
        <label>
          Will payload{' '}
          <input type="text" value={form.willPayload} onChange={(e) => set('willPayload', e.target.value)} />
        </label>
        <label>
          Will QoS{' '}
          <select
            value={String(form.willQos)}
            onChange={(e) => set('willQos', Number(e.target.value) as 0 | 1 | 2)}
          >
            <option value="0">0</option>
            <option value="1">1</option>
            <option value="2">2</option>
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={form.willRetain}
            onChange={(e) => set('willRetain', e.target.checked)}
          />{' '}
          Will retain
        </label>
        {form.protocol === 5 && (
          <label>
            Will delay (s){' '}
            <input
              type="number"
              min={0}
              value={form.willDelay}
              onChange={(e) => set('willDelay', e.target.value)}
            />
          </label>
        )}
        <button type="submit">Start probe</button>
      </form>
      {error !== null && (
        <p className="live-status live-status-problem" role="alert">
          {error}
        </p>
      )}
      {probes.length > 0 && (
        <ul className="live-probe-list" aria-label="Probes">
          {probes.map((p, i) => {
            // Clones share the client ID: number the probes of one ID 1, 2, …
            const nth = probes.slice(0, i + 1).filter((q) => q.clientId === p.clientId).length;
            const open = p.state.status === 'connected' || p.state.status === 'silenced';
            return (
              <li key={p.key} role="group" aria-label={`Probe ${p.clientId} #${nth}`}>
                <span className="live-probe-name">{p.clientId}</span>{' '}
                <span className="live-probe-meta">
                  K = {p.options.keepAlive} s, MQTT {p.options.protocol === 5 ? '5.0' : '3.1.1'}
                  {p.options.will ? `, will on ${p.options.will.topic}` : ', no will'}
                </span>{' '}
                <span className="live-probe-status" role="status">
                  {probeStatusText(p)}
                </span>{' '}
                {ACTIONS.filter((a) => !a.v5 || p.options.protocol === 5).map((a) => (
                  <button
                    key={a.action}
                    type="button"
                    title={a.title}
                    aria-label={`${a.label} ${p.clientId}`}
                    disabled={
                      (a.needsOpen && !open) || (a.action === 'silence' && p.state.status === 'silenced')
                    }
                    onClick={() => act(p, a.action)}
                  >
                    {a.label}
                  </button>
                ))}
                <button
                  type="button"
                  aria-label={`Remove ${p.clientId}`}
                  onClick={() => session?.removeProbe(p.key)}
                >
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
