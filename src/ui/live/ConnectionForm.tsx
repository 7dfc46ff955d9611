// The page's own connection: named profiles (kept in this browser), broker URL, client ID, user name
// and password, MQTT version, keep alive, clean start, and under MQTT 5 the session expiry and user
// properties. Errors name the field and the rule; the connection's state is in the live bar above.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { LiveConnectError } from '../../live/errors';
import { isFilterOn } from '../../live/filter';
import type { LiveConnectionState } from '../../live/liveConnection';
import { FIELD_LABELS, validateLiveOptions, type FieldError, type LiveField } from '../../live/options';
import type { LiveTraceApi } from '../../live/types';
import { useLiveUi } from './liveUi';
import {
  deleteProfile,
  emptyForm,
  loadProfiles,
  markLastProfile,
  profileForUrl,
  profileNameProblem,
  sameOriginBrokerUrl,
  saveProfile,
  type ConnectionForm as FormValues,
  type ProfileBook,
} from './profiles';
import { ensureLiveSession, liveSession } from './sessionHolder';
import { UserProperties } from './UserProperties';

export interface ConnectionFormProps {
  trace: LiveTraceApi;
  initialUrl?: string;
  /** Connect on mount (a `#live=` link, or a reload of one). */
  autoConnect: boolean;
  /** The subscriptions a link brought (they win over a profile's). */
  linkSubscriptions: boolean;
  state: LiveConnectionState;
  /** After a Connect that worked. */
  onConnected(): void;
}

const NEW = '';

const subscriptionCount = (n: number): string => (n === 1 ? '1 subscription' : `${n} subscriptions`);

interface Initial {
  book: ProfileBook;
  profile: string;
  values: FormValues;
  keepPassword: boolean;
}

function initial(initialUrl: string | undefined): Initial {
  const book = loadProfiles();
  const chosen =
    initialUrl !== undefined
      ? profileForUrl(book, initialUrl)
      : book.profiles.find((p) => p.name === book.last);
  if (chosen !== undefined)
    return {
      book,
      profile: chosen.name,
      values: { ...chosen.form, url: initialUrl ?? chosen.form.url },
      keepPassword: chosen.keepPassword,
    };
  return {
    book,
    profile: NEW,
    values: emptyForm(initialUrl ?? (import.meta.env.DEV ? sameOriginBrokerUrl() : '')),
    keepPassword: false,
  };
}

export function ConnectionForm(props: ConnectionFormProps) {
  const { trace, initialUrl, autoConnect, linkSubscriptions, state, onConnected } = props;
  const [start] = useState(() => initial(initialUrl));
  const [book, setBook] = useState(start.book);
  const [profile, setProfile] = useState(start.profile);
  const [profileName, setProfileName] = useState(start.profile);
  const [values, setValues] = useState<FormValues>(start.values);
  const [keepPassword, setKeepPassword] = useState(start.keepPassword);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [note, setNote] = useState<{ text: string; problem: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const autoDone = useRef(false);

  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]): void =>
    setValues((v) => ({ ...v, [key]: value }));

  // A profile brings its subscriptions, unless a link brought its own.
  useEffect(() => {
    const chosen = start.book.profiles.find((p) => p.name === start.profile);
    if (chosen !== undefined && !linkSubscriptions)
      useLiveUi.getState().setSubscriptions(chosen.subscriptions);
    // Once, on mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const connect = async (input: FormValues): Promise<void> => {
    const checked = validateLiveOptions(input);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors([]);
    setNote(null);
    if (profile !== NEW) markLastProfile(profile);
    setBusy(true);
    try {
      const ui = useLiveUi.getState();
      const session = ensureLiveSession(trace);
      if (isFilterOn(ui.filter)) void session.setFilter(ui.filter);
      await session.connect(checked.options, ui.subscriptions);
      onConnected();
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
      const status = liveSession()?.getSnapshot()?.connection.status;
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

  const choose = (name: string): void => {
    setErrors([]);
    setNote(null);
    setProfile(name);
    setProfileName(name);
    const chosen = book.profiles.find((p) => p.name === name);
    if (chosen === undefined) {
      setValues(emptyForm(values.url));
      setKeepPassword(false);
      return;
    }
    setValues({ ...chosen.form });
    setKeepPassword(chosen.keepPassword);
    useLiveUi.getState().setSubscriptions(chosen.subscriptions);
  };

  const save = (): void => {
    const problem = profileNameProblem(profileName);
    if (problem !== null) {
      setNote({ text: problem, problem: true });
      return;
    }
    const name = profileName.trim();
    const replaced = book.profiles.some((p) => p.name === name);
    setBook(
      saveProfile({
        name,
        form: values,
        keepPassword,
        subscriptions: [...useLiveUi.getState().subscriptions],
      }),
    );
    setProfile(name);
    setProfileName(name);
    setNote({
      text: `${replaced ? 'Updated' : 'Saved'} profile “${name}”${keepPassword && values.password !== '' ? ', password included' : ', without the password'}, with ${subscriptionCount(useLiveUi.getState().subscriptions.length)}.`,
      problem: false,
    });
  };

  const remove = (): void => {
    setBook(deleteProfile(profile));
    setNote({ text: `Deleted profile “${profile}”.`, problem: false });
    setProfile(NEW);
    setProfileName('');
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

  const open =
    state.status === 'connected' || state.status === 'reconnecting' || state.status === 'connecting';
  const v5 = Number(values.protocol) === 5;

  return (
    <form className="live-connection" onSubmit={onSubmit} aria-label="Broker connection">
      <fieldset className="live-profiles">
        <legend>Profile</legend>
        <div className="live-row">
          <label htmlFor={`${id}-profile`}>Saved</label>
          <select id={`${id}-profile`} value={profile} onChange={(e) => choose(e.target.value)}>
            <option value={NEW}>(a new connection)</option>
            {book.profiles.map((p) => (
              <option key={p.name} value={p.name}>
                {p.name}
              </option>
            ))}
          </select>
          {profile !== NEW && (
            <button type="button" onClick={remove}>
              Delete profile
            </button>
          )}
        </div>
        <div className="live-row">
          <label htmlFor={`${id}-profile-name`}>Name</label>
          <input
            id={`${id}-profile-name`}
            type="text"
            maxLength={60}
            placeholder="e.g. Mosquitto on my laptop"
            value={profileName}
            onChange={(e) => setProfileName(e.target.value)}
          />
          <button type="button" onClick={save}>
            Save profile
          </button>
        </div>
        <label className="live-check">
          <input type="checkbox" checked={keepPassword} onChange={(e) => setKeepPassword(e.target.checked)} />{' '}
          Keep the password in this profile
        </label>
        {keepPassword && (
          <p className="live-warning" role="note">
            Keeping the password stores it unencrypted in this browser&apos;s localStorage, readable by anyone
            using this browser profile. Untick and save again to forget it.
          </p>
        )}
        {note !== null && (
          <p className={note.problem ? 'live-field-error' : 'hint'} role={note.problem ? 'alert' : 'status'}>
            {note.text}
          </p>
        )}
      </fieldset>
      <div className="live-grid">
        <label htmlFor={`${id}-url`}>{FIELD_LABELS.url}</label>
        <span>
          <input
            {...field('url')}
            type="text"
            inputMode="url"
            spellCheck={false}
            placeholder="ws://127.0.0.1:9001"
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
        <span />
        <label className="live-check">
          <input
            type="checkbox"
            checked={values.cleanStart}
            onChange={(e) => set('cleanStart', e.target.checked)}
          />{' '}
          {FIELD_LABELS.cleanStart}
        </label>
        {v5 && (
          <>
            <label htmlFor={`${id}-sessionExpiry`}>{FIELD_LABELS.sessionExpiry} (s)</label>
            <span>
              <input
                {...field('sessionExpiry')}
                type="number"
                min={0}
                max={4294967295}
                step={1}
                placeholder="0: ends with the connection"
                value={values.sessionExpiry}
                onChange={(e) => set('sessionExpiry', e.target.value)}
              />
              {fieldError('sessionExpiry')}
            </span>
            <span className="live-grid-label">{FIELD_LABELS.userProperties}</span>
            <span>
              <UserProperties
                label="CONNECT user property"
                rows={values.userProperties}
                onChange={(rows) => set('userProperties', rows)}
                invalid={errorOf('userProperties') !== undefined}
                {...(errorOf('userProperties') ? { describedBy: `${id}-userProperties-error` } : {})}
              />
              {fieldError('userProperties')}
            </span>
          </>
        )}
      </div>
      <div className="live-buttons">
        <button type="submit" className="primary" disabled={busy}>
          Connect
        </button>
        <button type="button" onClick={() => void liveSession()?.disconnect()} disabled={!open}>
          Disconnect
        </button>
      </div>
    </form>
  );
}
