// Publishing from the page's own connection: topic, payload as text, JSON, hex or base64, QoS,
// retain, and under MQTT 5 the message expiry, content type and user properties; a history of what was
// published from this page, each to use again. The PUBLISH (and its acknowledgement) is on the
// timeline like every other packet of the page's connection.
import { useId, useState, type FormEvent } from 'react';
import type { LiveSessionApi } from '../../live/remote';
import {
  validatePublish,
  type FormError,
  type PayloadFormat,
  type PublishField,
  type PublishInput,
} from './forms';
import { PUBLISH_HISTORY, useLiveUi, type PublishedEntry } from './liveUi';
import { UserProperties } from './UserProperties';

export interface PublishFormProps {
  session: LiveSessionApi | null;
  connected: boolean;
  protocol: 4 | 5;
}

const FORMATS: { value: PayloadFormat; label: string; placeholder: string }[] = [
  { value: 'text', label: 'Text', placeholder: 'hello' },
  { value: 'json', label: 'JSON', placeholder: '{"temperature": 21.5}' },
  { value: 'hex', label: 'Hex', placeholder: '48 65 6c 6c 6f' },
  { value: 'base64', label: 'Base64', placeholder: 'SGVsbG8=' },
];

let nextId = 1;

const time = (at: number): string => new Date(at).toLocaleTimeString('en-GB', { hour12: false });

export function PublishForm({ session, connected, protocol }: PublishFormProps) {
  const id = useId();
  const published = useLiveUi((s) => s.published);
  const [input, setInput] = useState<PublishInput>({
    topic: 'keepalive-lab/hello',
    format: 'text',
    payload: 'hello',
    qos: 0,
    retain: false,
    messageExpiry: '',
    contentType: '',
    userProperties: [],
  });
  const [errors, setErrors] = useState<FormError<PublishField>[]>([]);
  const set = <K extends keyof PublishInput>(key: K, value: PublishInput[K]): void =>
    setInput((v) => ({ ...v, [key]: value }));
  const errorOf = (f: PublishField) => errors.find((e) => e.field === f);
  const field = (f: PublishField) => ({
    id: `${id}-${f}`,
    'aria-invalid': errorOf(f) ? true : undefined,
    'aria-describedby': errorOf(f) ? `${id}-${f}-error` : undefined,
  });
  const fieldError = (f: PublishField) => {
    const err = errorOf(f);
    return err ? (
      <span className="live-field-error" id={`${id}-${f}-error`}>
        {err.message}
      </span>
    ) : null;
  };

  const publish = (e: FormEvent): void => {
    e.preventDefault();
    const checked = validatePublish(input, protocol);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors([]);
    if (session === null || !connected) {
      setErrors([{ field: 'topic', message: 'Not connected: connect to a broker first, then publish.' }]);
      return;
    }
    const entry: PublishedEntry = {
      id: nextId++,
      at: Date.now(),
      ...input,
      userProperties: input.userProperties.map((r) => ({ ...r })),
      outcome: null,
    };
    const ui = useLiveUi.getState();
    ui.addPublished(entry);
    session.publish(checked.message).then(
      () => useLiveUi.getState().settlePublished(entry.id, ''),
      (err: unknown) =>
        useLiveUi.getState().settlePublished(entry.id, err instanceof Error ? err.message : String(err)),
    );
  };

  const reuse = (p: PublishedEntry): void => {
    setErrors([]);
    setInput({
      topic: p.topic,
      format: p.format,
      payload: p.payload,
      qos: p.qos,
      retain: p.retain,
      messageExpiry: p.messageExpiry,
      contentType: p.contentType,
      userProperties: p.userProperties.map((r) => ({ ...r })),
    });
  };

  const format = FORMATS.find((f) => f.value === input.format) ?? FORMATS[0];

  return (
    <section className="live-publish" aria-label="Publish">
      <form onSubmit={publish} aria-label="Publish a message">
        <div className="live-grid">
          <label htmlFor={`${id}-topic`}>Topic</label>
          <span>
            <input
              {...field('topic')}
              type="text"
              spellCheck={false}
              value={input.topic}
              onChange={(e) => set('topic', e.target.value)}
            />
            {fieldError('topic')}
          </span>
          <span className="live-grid-label">Payload as</span>
          <span role="radiogroup" aria-label="Payload as" className="live-radios">
            {FORMATS.map((f) => (
              <label key={f.value} className="live-check">
                <input
                  type="radio"
                  name={`${id}-format`}
                  checked={input.format === f.value}
                  onChange={() => set('format', f.value)}
                />{' '}
                {f.label}
              </label>
            ))}
          </span>
          <label htmlFor={`${id}-payload`}>Payload</label>
          <span>
            <textarea
              {...field('payload')}
              rows={4}
              spellCheck={false}
              placeholder={format.placeholder}
              value={input.payload}
              onChange={(e) => set('payload', e.target.value)}
            />
            {fieldError('payload')}
          </span>
          <label htmlFor={`${id}-qos`}>QoS</label>
          <span className="live-inline">
            <select
              id={`${id}-qos`}
              value={String(input.qos)}
              onChange={(e) => set('qos', Number(e.target.value) as 0 | 1 | 2)}
            >
              <option value="0">0 at most once</option>
              <option value="1">1 at least once</option>
              <option value="2">2 exactly once</option>
            </select>
            <label className="live-check">
              <input
                type="checkbox"
                checked={input.retain}
                onChange={(e) => set('retain', e.target.checked)}
              />{' '}
              Retain
            </label>
          </span>
          {protocol === 5 && (
            <>
              <label htmlFor={`${id}-messageExpiry`}>Message expiry (s)</label>
              <span>
                <input
                  {...field('messageExpiry')}
                  type="number"
                  min={0}
                  step={1}
                  placeholder="none"
                  value={input.messageExpiry}
                  onChange={(e) => set('messageExpiry', e.target.value)}
                />
                {fieldError('messageExpiry')}
              </span>
              <label htmlFor={`${id}-contentType`}>Content type</label>
              <span>
                <input
                  {...field('contentType')}
                  type="text"
                  spellCheck={false}
                  placeholder="application/json"
                  value={input.contentType}
                  onChange={(e) => set('contentType', e.target.value)}
                />
                {fieldError('contentType')}
              </span>
              <span className="live-grid-label">User properties</span>
              <span>
                <UserProperties
                  label="PUBLISH user property"
                  rows={input.userProperties}
                  onChange={(rows) => set('userProperties', rows)}
                  invalid={errorOf('userProperties') !== undefined}
                />
                {fieldError('userProperties')}
              </span>
            </>
          )}
        </div>
        {protocol !== 5 && (
          <p className="hint">Message expiry, content type and user properties need an MQTT 5 connection.</p>
        )}
        <div className="live-buttons">
          <button type="submit" className="primary" disabled={!connected}>
            Publish
          </button>
          {!connected && <span className="hint">Connect first.</span>}
        </div>
      </form>
      <h3>Published from this page</h3>
      {published.length === 0 ? (
        <p className="hint">
          Nothing yet. The last {PUBLISH_HISTORY} messages published from this page are listed here.
        </p>
      ) : (
        <ol className="live-published" aria-label="Published messages">
          {published.map((p) => (
            <li key={p.id}>
              <span className="live-event-time">{time(p.at)}</span> <code>{p.topic}</code>{' '}
              <span className="live-published-meta">
                QoS {p.qos}
                {p.retain ? ', retained' : ''}, {p.format}
              </span>{' '}
              <span className="live-published-payload">
                {p.payload.length > 60 ? `${p.payload.slice(0, 60)}…` : p.payload}
              </span>{' '}
              <span className={p.outcome ? 'live-field-error' : 'hint'}>
                {p.outcome === null
                  ? 'sending…'
                  : p.outcome === ''
                    ? p.qos > 0
                      ? 'acknowledged'
                      : 'sent'
                    : p.outcome}
              </span>{' '}
              <button type="button" onClick={() => reuse(p)} aria-label={`Use again: ${p.topic}`}>
                Use again
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
