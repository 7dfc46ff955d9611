// The page's subscriptions: added and removed with their QoS (and under MQTT 5 No Local, Retain As
// Published, Retain Handling), each with the broker's answer; live mode's own subscriptions to the
// brokers' event topics listed apart. While connected a change goes to the broker at once; otherwise
// at the next Connect.
import { useId, useState, type FormEvent } from 'react';
import type { LiveSessionApi } from '../../live/remote';
import type { LiveSubscription, SubscriptionState } from '../../live/subscriptions';
import { REASON_CODE_NAMES } from '../../base/reasonCodes';
import { validateSubscription, type SubscriptionInput } from './forms';
import { useLiveUi } from './liveUi';

export interface SubscriptionsProps {
  session: LiveSessionApi | null;
  /** The broker's answers, while there is a connection. */
  states: readonly SubscriptionState[];
  connected: boolean;
  /** The MQTT version of the connection (or of the form, before one). */
  protocol: 4 | 5;
}

function answer(s: SubscriptionState | undefined, connected: boolean): string {
  if (s === undefined || !connected) return 'at the next Connect';
  if (s.status === 'pending') return 'waiting for SUBACK…';
  if (s.status === 'refused') {
    const code = s.code ?? 0x80;
    return `refused: 0x${code.toString(16).toUpperCase()} ${REASON_CODE_NAMES[code] ?? 'Failure'}`;
  }
  return `granted QoS ${s.code}`;
}

function options(s: LiveSubscription): string {
  return [
    s.noLocal ? 'no local' : '',
    s.retainAsPublished ? 'retain as published' : '',
    s.retainHandling === 1 ? 'retained only when new' : s.retainHandling === 2 ? 'no retained' : '',
  ]
    .filter((o) => o !== '')
    .join(', ');
}

export function Subscriptions({ session, states, connected, protocol }: SubscriptionsProps) {
  const id = useId();
  const subscriptions = useLiveUi((s) => s.subscriptions);
  const [input, setInput] = useState<SubscriptionInput>({
    filter: '',
    qos: 0,
    noLocal: false,
    retainAsPublished: false,
    retainHandling: 0,
  });
  const [error, setError] = useState<string | null>(null);
  const set = <K extends keyof SubscriptionInput>(key: K, value: SubscriptionInput[K]): void =>
    setInput((v) => ({ ...v, [key]: value }));
  const byFilter = new Map(states.map((s) => [s.filter, s]));
  const own = states.filter((s) => s.internal);

  const add = (e: FormEvent): void => {
    e.preventDefault();
    const checked = validateSubscription(input, protocol);
    if (!checked.ok) {
      setError(checked.message);
      return;
    }
    setError(null);
    const sub = checked.subscription;
    const ui = useLiveUi.getState();
    ui.setSubscriptions([...ui.subscriptions.filter((s) => s.filter !== sub.filter), sub]);
    if (session !== null)
      session
        .addSubscription(sub)
        .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
    setInput((v) => ({ ...v, filter: '' }));
  };

  const remove = (filter: string): void => {
    const ui = useLiveUi.getState();
    ui.setSubscriptions(ui.subscriptions.filter((s) => s.filter !== filter));
    session
      ?.removeSubscription(filter)
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  };

  return (
    <section className="live-subscriptions" aria-label="Subscriptions">
      <form className="live-sub-form" onSubmit={add} aria-label="New subscription">
        <label htmlFor={`${id}-filter`}>Topic filter</label>
        <input
          id={`${id}-filter`}
          type="text"
          spellCheck={false}
          placeholder="sensors/+/temperature or #"
          aria-invalid={error !== null ? true : undefined}
          aria-describedby={error !== null ? `${id}-error` : undefined}
          value={input.filter}
          onChange={(e) => set('filter', e.target.value)}
        />
        <label htmlFor={`${id}-qos`}>QoS</label>
        <select
          id={`${id}-qos`}
          value={String(input.qos)}
          onChange={(e) => set('qos', Number(e.target.value) as 0 | 1 | 2)}
        >
          <option value="0">0</option>
          <option value="1">1</option>
          <option value="2">2</option>
        </select>
        {protocol === 5 && (
          <div className="live-sub-v5">
            <label className="live-check">
              <input
                type="checkbox"
                checked={input.noLocal}
                onChange={(e) => set('noLocal', e.target.checked)}
              />{' '}
              No local
            </label>
            <label className="live-check">
              <input
                type="checkbox"
                checked={input.retainAsPublished}
                onChange={(e) => set('retainAsPublished', e.target.checked)}
              />{' '}
              Retain as published
            </label>
            <label>
              Retained messages{' '}
              <select
                value={String(input.retainHandling)}
                onChange={(e) => set('retainHandling', Number(e.target.value) as 0 | 1 | 2)}
              >
                <option value="0">send</option>
                <option value="1">only for a new subscription</option>
                <option value="2">never send</option>
              </select>
            </label>
          </div>
        )}
        <button type="submit">Subscribe</button>
        {error !== null && (
          <p className="live-field-error" id={`${id}-error`} role="alert">
            {error}
          </p>
        )}
      </form>
      {protocol !== 5 && (
        <p className="hint">No local, retain as published and retain handling need an MQTT 5 connection.</p>
      )}
      {subscriptions.length === 0 ? (
        <p className="hint">No subscriptions of your own: only the brokers&apos; event topics below.</p>
      ) : (
        <ul className="live-sub-list" aria-label="Your subscriptions">
          {subscriptions.map((s) => (
            <li key={s.filter} data-filter={s.filter}>
              <code className="live-sub-filter">{s.filter}</code>{' '}
              <span className="live-sub-meta">
                QoS {s.qos}
                {options(s) !== '' ? `, ${options(s)}` : ''} — {answer(byFilter.get(s.filter), connected)}
              </span>{' '}
              <button type="button" aria-label={`Unsubscribe ${s.filter}`} onClick={() => remove(s.filter)}>
                Unsubscribe
              </button>
            </li>
          ))}
        </ul>
      )}
      <details className="live-own-subs">
        <summary>Live mode&apos;s own subscriptions ({own.length || 'the brokers’ event topics'})</summary>
        <p className="hint">
          At QoS 0, always: the brokers&apos; event topics, which put the other clients on the timeline.
        </p>
        <ul>
          {own.map((s) => (
            <li key={s.filter}>
              <code>{s.filter}</code> — {answer(s, connected)}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
