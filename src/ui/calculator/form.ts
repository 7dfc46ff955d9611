// The calculator's form: what the user typed, field by field, and the inputs it stands for. Every
// problem is a sentence that starts with the field's label, shown next to that field.

import { FIELD_LABELS, inputProblems, type InputField, type KeepAliveInputs } from '../../analysis/keepAlive';
import { BROKER_PROFILES, type BrokerProfileName } from '../../scenario/types';

export type NumberField = Exclude<InputField, 'profile'>;

export const NUMBER_FIELDS: readonly NumberField[] = [
  'keepAliveS',
  'fleetSize',
  'publishIntervalS',
  'latencyMs',
  'overheadBytes',
];

export type FormTexts = Record<NumberField, string> & { profile: BrokerProfileName };

export type FieldProblems = Partial<Record<InputField, string>>;

export interface ParsedForm {
  /** Null while any field has a problem. */
  inputs: KeepAliveInputs | null;
  problems: FieldProblems;
}

export function textsOf(inputs: KeepAliveInputs): FormTexts {
  return {
    keepAliveS: String(inputs.keepAliveS),
    fleetSize: String(inputs.fleetSize),
    publishIntervalS: inputs.publishIntervalS === null ? '' : String(inputs.publishIntervalS),
    profile: inputs.profile,
    latencyMs: String(inputs.latencyMs),
    overheadBytes: String(inputs.overheadBytes),
  };
}

export function isProfile(value: string): value is BrokerProfileName {
  return (BROKER_PROFILES as readonly string[]).includes(value);
}

export function parseForm(texts: FormTexts): ParsedForm {
  const problems: FieldProblems = {};
  const numbers: Partial<Record<NumberField, number | null>> = {};
  for (const field of NUMBER_FIELDS) {
    const text = texts[field].trim();
    if (text === '') {
      if (field === 'publishIntervalS') numbers[field] = null;
      else problems[field] = `${FIELD_LABELS[field]}: is required`;
      continue;
    }
    const value = Number(text);
    if (!Number.isFinite(value)) problems[field] = `${FIELD_LABELS[field]}: must be a number`;
    else numbers[field] = value;
  }
  if (Object.keys(problems).length > 0) return { inputs: null, problems };
  const inputs: KeepAliveInputs = {
    keepAliveS: numbers.keepAliveS ?? 0,
    fleetSize: numbers.fleetSize ?? 0,
    publishIntervalS: numbers.publishIntervalS ?? null,
    profile: texts.profile,
    latencyMs: numbers.latencyMs ?? 0,
    overheadBytes: numbers.overheadBytes ?? 0,
  };
  for (const p of inputProblems(inputs)) problems[p.field] ??= p.message;
  return Object.keys(problems).length > 0 ? { inputs: null, problems } : { inputs, problems };
}

/** Whether two sets of inputs describe the same calculation. */
export function sameInputs(a: KeepAliveInputs, b: KeepAliveInputs): boolean {
  return (
    a.keepAliveS === b.keepAliveS &&
    a.fleetSize === b.fleetSize &&
    (a.publishIntervalS ?? 0) === (b.publishIntervalS ?? 0) &&
    a.profile === b.profile &&
    a.latencyMs === b.latencyMs &&
    a.overheadBytes === b.overheadBytes
  );
}
