// The page's own connection: broker URL, client ID, user name and password, MQTT version, keep alive,
// clean start, "remember". Errors name the field; the state (connecting, connected, reconnecting,
// error) is shown as it changes.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import {
  FIELD_LABELS,
  LiveConnectError,
  validateLiveOptions,
  type FieldError,
  type LiveConnectionState,
  type LiveField,
  type LiveFormInput,
} from '../../live/connection';
import type { LiveTraceApi } from '../../live/types';
import { ensureLiveSession, liveSession } from './sessionHolder';
import { forget, loadRemembered, randomSuffix, remember, sameOriginBrokerUrl } from './settings';

export interface ConnectionFormProps {
  trace: LiveTraceApi;
  initialUrl?: string;
  /** Connect on mount (a `#live=` link). */
  autoConnect: boolean;
  state: LiveConnectionState;
  nowMs: number;
}

function initialForm(initialUrl: string | undefined): { form: LiveFormInput; remembered: boolean } {
  const saved = loadRemembered();
  const url = initialUrl ?? saved?.url ?? (import.meta.env.DEV ? sameOriginBrokerUrl() : '');
  if (saved) return { form: { ...saved, url }, remembered: true };
  return {
    form: {
      url,
      clientId: `keepalive-lab-${randomSuffix()}`,
      username: '',
      password: '',
      protocol: 4,
      keepAlive: '30',
      cleanStart: true,
    },
    remembered: false,
  };
}

function statusText(state: LiveConnectionState, nowMs: number): string {
  switch (state.status) {
    case 'idle':
      return 'Not connected.';
    case 'connecting':
      return 'Connecting…';
    case 'connected':
      return state.refusedFilters.length > 0
        ? `Connected. The broker refused these subscriptions: ${state.refusedFilters.join(', ')}`
        : 'Connected.';
    case 'reconnecting': {
      const inS = Math.max(0, Math.ceil((state.retryAtMs - nowMs) / 1000));
      return `Connection lost (${state.lastError}). Reconnecting in ${inS} s (attempt ${state.attempt}); what was recorded is kept.`;
    }
    case 'error':
      return state.error.message;
    case 'closed':
      return 'Disconnected. What was recorded is kept.';
  }
}

export function ConnectionForm({ trace, initialUrl, autoConnect, state, nowMs }: ConnectionFormProps) {
  const [{ form, remembered }] = useState(() => initialForm(initialUrl));
  const [values, setValues] = useState<LiveFormInput>(form);
  const [rememberMe, setRememberMe] = useState(remembered);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const autoDone = useRef(false);

  const set = <K extends keyof LiveFormInput>(key: K, value: LiveFormInput[K]): void =>
    setValues((v) => ({ ...v, [key]: value }));

  const connect = async (input: LiveFormInput): Promise<void> => {
    const checked = validateLiveOptions(input);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors([]);
    if (rememberMe) remember(input);
    else forget();
    setBusy(true);
    try {
      await ensureLiveSession(trace).connect(checked.options);
    } catch (err) {
      if (err instanceof LiveConnectError && err.field)
        setErrors([{ field: err.field, message: err.message }]);
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (!autoConnect || autoDone.current) return;
    // Deferred: StrictMode mounts twice; only the surviving mount connects.
    const timer = setTimeout(() => {
      autoDone.current = true;
      const s = liveSession();
      const status = s?.getSnapshot()?.connection.status;
      if (status !== undefined && status !== 'idle' && status !== 'closed' && status !== 'error') return;
      void connect(values);
    }, 0);
    return () => clearTimeout(timer);
    // Only once, on mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    void connect(values);
  };

  const disconnect = (): void => {
    void liveSession()?.disconnect();
  };

  const errorOf = (field: LiveField): FieldError | undefined => errors.find((e) => e.field === field);
  const field = (name: LiveField) => {
    const err = errorOf(name);
    return {
      id: `${id}-${name}`,
      'aria-invalid': err ? true : undefined,
      'aria-describedby': err ? `${id}-${name}-error` : undefined,
    };
  };
  const fieldError = (name: LiveField) => {
    const err = errorOf(name);
    return err ? (
      <span className="live-field-error" id={`${id}-${name}-error`}>
        {err.message}
      </span>
    ) : null;
  };

  const connected =
    state.status === 'connected' || state.status === 'reconnecting' || state.status === 'connecting';
  const problem = state.status === 'error' || state.status === 'reconnecting';

  return (
    <form className="live-connection" onSubmit={onSubmit} aria-label="Broker connection">
      <div className="live-grid">
        <label htmlFor={`${id}-url`}>{FIELD_LABELS.url}</label>
        <span>
          <input
            {...field('url')}
            type="text"
            inputMode="url"
            spellCheck={false}
            placeholder="ws://127.0.0.1:8080/mqtt"
            value={values.url}
            onChange={(e) => set('url', e.target.value)}
          />
          {fieldError('url')}
        </span>
        <label htmlFor={`${id}-clientId`}>{FIELD_LABELS.clientId}</label>
        <span>
          <input
            {...field('clientId')}
            type="text"
            spellCheck={false}
            value={values.clientId}
            onChange={(e) => set('clientId', e.target.value)}
          />
          {fieldError('clientId')}
        </span>
        <label htmlFor={`${id}-username`}>{FIELD_LABELS.username}</label>
        <span>
          <input
            {...field('username')}
            type="text"
            autoComplete="username"
            value={values.username}
            onChange={(e) => set('username', e.target.value)}
          />
          {fieldError('username')}
        </span>
        <label htmlFor={`${id}-password`}>{FIELD_LABELS.password}</label>
        <span>
          <input
            {...field('password')}
            type="password"
            autoComplete="current-password"
            value={values.password}
            onChange={(e) => set('password', e.target.value)}
          />
          {fieldError('password')}
        </span>
        <label htmlFor={`${id}-protocol`}>{FIELD_LABELS.protocol}</label>
        <span>
          <select
            {...field('protocol')}
            value={String(values.protocol)}
            onChange={(e) => set('protocol', Number(e.target.value))}
          >
            <option value="4">MQTT 3.1.1</option>
            <option value="5">MQTT 5.0</option>
          </select>
          {fieldError('protocol')}
        </span>
        <label htmlFor={`${id}-keepAlive`}>{FIELD_LABELS.keepAlive} (s)</label>
        <span>
          <input
            {...field('keepAlive')}
            type="number"
            min={0}
            max={65535}
            step={1}
            value={values.keepAlive}
            onChange={(e) => set('keepAlive', e.target.value)}
          />
          {fieldError('keepAlive')}
        </span>
      </div>
      <div className="live-checks">
        <label>
          <input
            type="checkbox"
            checked={values.cleanStart}
            onChange={(e) => set('cleanStart', e.target.checked)}
          />{' '}
          Clean start
        </label>
        <label>
          <input type="checkbox" checked={rememberMe} onChange={(e) => setRememberMe(e.target.checked)} />{' '}
          Remember these settings
        </label>
        {rememberMe && (
          <p className="live-warning" role="note">
            Remembering stores the user name and password unencrypted in this browser&apos;s localStorage,
            readable by anyone using this browser profile. Untick to forget them.
          </p>
        )}
      </div>
      <div className="live-buttons">
        <button type="submit" disabled={busy}>
          Connect
        </button>
        <button type="button" onClick={disconnect} disabled={!connected}>
          Disconnect
        </button>
      </div>
      <p
        className={problem ? 'live-status live-status-problem' : 'live-status'}
        role={problem ? 'alert' : 'status'}
      >
        {statusText(state, nowMs)}
      </p>
    </form>
  );
}
