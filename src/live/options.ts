// The options of a live connection and the connection form's checks. The form is typed as text and
// checkboxes (`LiveFormInput`); `validateLiveOptions` turns it into `LiveClientOptions` or errors that
// name the field and the rule. Pure: no mqtt.js here, so the page's first bundle may use it.

export interface LiveWillOptions {
  topic: string;
  payload: string;
  qos: 0 | 1 | 2;
  retain: boolean;
  /** Will Delay Interval, seconds (MQTT 5 only). */
  delay?: number;
}

/** MQTT 5 User Properties as mqtt.js takes them: a name with one value or several. */
export type UserProperties = Record<string, string | string[]>;

export interface LiveClientOptions {
  /** ws:// or wss:// */
  url: string;
  clientId: string;
  username?: string;
  password?: string;
  /** 4 = MQTT 3.1.1, 5 = MQTT 5.0 */
  protocol: 4 | 5;
  /** Seconds; 0 turns keep alive off. */
  keepAlive: number;
  cleanStart: boolean;
  will?: LiveWillOptions;
  /** Session Expiry Interval, seconds (MQTT 5). */
  sessionExpiry?: number;
  /** CONNECT's User Properties (MQTT 5). */
  userProperties?: UserProperties;
  /** How long to wait for the WebSocket and the CONNACK, ms. Default 10 000. */
  connectTimeoutMs?: number;
}

/** One row of a user-properties editor. */
export interface UserPropertyInput {
  name: string;
  value: string;
}

/** The connection form as typed (strings and checkboxes); `validateLiveOptions` checks it. */
export interface LiveFormInput {
  url: string;
  clientId: string;
  username: string;
  password: string;
  protocol: string | number;
  keepAlive: string | number;
  cleanStart: boolean;
  /** MQTT 5 Session Expiry Interval, seconds ('' for none). */
  sessionExpiry?: string | number;
  /** MQTT 5 User Properties of the CONNECT. */
  userProperties?: readonly UserPropertyInput[];
}

/** Field names as the form labels them, used in error messages. */
export const FIELD_LABELS = {
  url: 'Broker URL',
  clientId: 'Client ID',
  username: 'Username',
  password: 'Password',
  protocol: 'MQTT version',
  keepAlive: 'Keep alive',
  cleanStart: 'Clean start',
  sessionExpiry: 'Session expiry',
  userProperties: 'User properties',
} as const;
export type LiveField = keyof typeof FIELD_LABELS;

export interface FieldError {
  field: LiveField;
  message: string;
}

/** The largest Four Byte Integer: Session Expiry 0xFFFFFFFF means "never expires" (MQTT 5 §3.1.2.11.2). */
export const MAX_FOUR_BYTE = 0xffffffff;

/** A value quoted for an error message, long ones shortened. */
export const quote = (v: string): string => JSON.stringify(v.length > 60 ? v.slice(0, 57) + '...' : v);

/** Checks a ws/wss URL; the message names the field. */
export function checkBrokerUrl(raw: string): FieldError | null {
  const text = raw.trim();
  const label = FIELD_LABELS.url;
  if (text === '') return { field: 'url', message: `${label}: required (e.g. ws://127.0.0.1:9001)` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { field: 'url', message: `${label}: not a valid URL (got ${quote(text)})` };
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    return {
      field: 'url',
      message: `${label}: must start with ws:// or wss:// — a browser can reach MQTT only over WebSockets (got ${quote(url.protocol.replace(/:$/, '://'))})`,
    };
  }
  if (url.hostname === '') return { field: 'url', message: `${label}: has no host (got ${quote(text)})` };
  // The URL goes into the address bar, share links and traces: a credential in it would go along.
  if (url.username !== '' || url.password !== '')
    return {
      field: 'url',
      message: `${label}: must not hold a user name or password (user:password@): use the Username and Password fields`,
    };
  return null;
}

export function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

/**
 * What makes `text` no MQTT UTF-8 string, or null: no U+0000 [MQTT-1.5.4-2], no lone surrogate (not
 * well-formed UTF-8) [MQTT-1.5.4-1], at most 65 535 bytes (its length is two bytes on the wire).
 */
export function mqttStringProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain the NUL character U+0000 [MQTT-1.5.4-2]';
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text))
    return 'must be well-formed UTF-8 (it has a lone surrogate) [MQTT-1.5.4-1]';
  if (utf8Length(text) > 65535) return 'must be at most 65535 bytes of UTF-8 (§1.5.4)';
  return null;
}

/** A whole number in 0..max typed as text: the number, null for '', or NaN when it is not one. */
export function wholeNumber(raw: string | number | undefined, max: number): number | null {
  const text = String(raw ?? '').trim();
  if (text === '') return null;
  const n = Number(text);
  return /^\d+$/.test(text) && Number.isSafeInteger(n) && n <= max ? n : NaN;
}

/**
 * User properties from editor rows: empty rows are left out; a row with a value needs a name; names
 * and values are MQTT UTF-8 strings. A name given twice keeps both values, as MQTT allows (§3.1.2.11.8).
 */
export function parseUserProperties(
  rows: readonly UserPropertyInput[] | undefined,
  label: string,
): { ok: true; properties: UserProperties | undefined } | { ok: false; message: string } {
  const out: UserProperties = {};
  let any = false;
  for (let i = 0; i < (rows?.length ?? 0); i++) {
    const { name, value } = rows![i];
    if (name === '' && value === '') continue;
    if (name === '') return { ok: false, message: `${label}: row ${i + 1} has a value but no name` };
    const problem = mqttStringProblem(name) ?? mqttStringProblem(value);
    if (problem !== null) return { ok: false, message: `${label}: row ${i + 1} (${quote(name)}) ${problem}` };
    const had = out[name];
    out[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
    any = true;
  }
  return { ok: true, properties: any ? out : undefined };
}

export function validateLiveOptions(
  input: LiveFormInput,
): { ok: true; options: LiveClientOptions } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const urlError = checkBrokerUrl(input.url);
  if (urlError) errors.push(urlError);
  const protocol = Number(input.protocol);
  if (protocol !== 4 && protocol !== 5) {
    errors.push({
      field: 'protocol',
      message: `${FIELD_LABELS.protocol}: must be 3.1.1 or 5 (got ${quote(String(input.protocol))})`,
    });
  }
  const kaText = String(input.keepAlive).trim();
  const keepAlive = Number(kaText);
  if (kaText === '' || !Number.isInteger(keepAlive) || keepAlive < 0 || keepAlive > 65535) {
    errors.push({
      field: 'keepAlive',
      message: `${FIELD_LABELS.keepAlive}: must be a whole number of seconds 0..65535 (got ${quote(kaText)})`,
    });
  }
  if (input.clientId.includes('\u0000') || utf8Length(input.clientId) > 65535) {
    errors.push({
      field: 'clientId',
      message: `${FIELD_LABELS.clientId}: must be UTF-8 text without NUL, at most 65535 bytes`,
    });
  }
  if (input.clientId === '' && !input.cleanStart) {
    errors.push({
      field: 'clientId',
      message: `${FIELD_LABELS.clientId}: required when clean start is off (a session needs a name)`,
    });
  }
  if (protocol === 4 && input.password !== '' && input.username === '') {
    errors.push({
      field: 'username',
      message: `${FIELD_LABELS.username}: MQTT 3.1.1 sends a password only with a user name [MQTT-3.1.2-22]`,
    });
  }
  // MQTT 5 only: under 3.1.1 the form hides these and they are not sent.
  let sessionExpiry: number | undefined;
  let userProperties: UserProperties | undefined;
  if (protocol === 5) {
    const expiry = wholeNumber(input.sessionExpiry, MAX_FOUR_BYTE);
    if (Number.isNaN(expiry))
      errors.push({
        field: 'sessionExpiry',
        message: `${FIELD_LABELS.sessionExpiry}: must be a whole number of seconds 0..4294967295, where 4294967295 never expires (§3.1.2.11.2) (got ${quote(String(input.sessionExpiry).trim())})`,
      });
    else if (expiry !== null) sessionExpiry = expiry;
    const props = parseUserProperties(input.userProperties, FIELD_LABELS.userProperties);
    if (!props.ok) errors.push({ field: 'userProperties', message: props.message });
    else userProperties = props.properties;
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    options: {
      url: input.url.trim(),
      clientId: input.clientId,
      ...(input.username !== '' ? { username: input.username } : {}),
      ...(input.password !== '' ? { password: input.password } : {}),
      protocol: protocol as 4 | 5,
      keepAlive,
      cleanStart: input.cleanStart,
      ...(sessionExpiry !== undefined ? { sessionExpiry } : {}),
      ...(userProperties !== undefined ? { userProperties } : {}),
    },
  };
}
