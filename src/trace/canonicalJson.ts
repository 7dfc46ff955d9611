// JSON text that depends only on a value's content, never on the order its keys were inserted:
// object keys sorted by name (code-unit order, the same in every JS engine), undefined members left
// out, as JSON.stringify would. Exported traces must be byte-identical between the app and the CLI.

export function canonicalJson(value: unknown): string {
  if (typeof value !== 'object' || value === null) {
    // undefined / functions have no JSON form; as array members JSON.stringify writes null.
    return JSON.stringify(value) ?? 'null';
  }
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return canonicalJson((toJSON as () => unknown).call(value));
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  return objectJson(record, [], Object.keys(record).sort());
}

/**
 * `{…}` with `ordered` keys first (in that order), then `rest` (in the given order); members whose
 * value is undefined or a function are omitted.
 */
export function objectJson(
  record: Record<string, unknown>,
  ordered: readonly string[],
  rest: readonly string[],
): string {
  let out = '{';
  let first = true;
  for (const keys of [ordered, rest]) {
    for (const key of keys) {
      const v = record[key];
      if (v === undefined || typeof v === 'function') continue;
      out += (first ? '' : ',') + JSON.stringify(key) + ':' + canonicalJson(v);
      first = false;
    }
  }
  return out + '}';
}
