// The calculator's inputs: labelled fields, each with its problem (naming the field) under it and
// tied to it with aria-describedby, so a screen reader reads the problem with the field.

import { PROFILE_TITLES } from '../../lessons/profiles';
import { useId } from 'react';
import { FIELD_LABELS, MAX_KEEP_ALIVE_S } from '../../analysis/keepAlive';
import { BROKER_PROFILES } from '../../scenario/types';
import { isProfile, type FieldProblems, type FormTexts, type NumberField } from './form';

interface NumberSpec {
  field: NumberField;
  min: number;
  max?: number;
  step: number | 'any';
  hint?: string;
  /** Suggested values. */
  list?: readonly number[];
}

const SPECS: Record<NumberField, NumberSpec> = {
  keepAliveS: { field: 'keepAliveS', min: 0, max: MAX_KEEP_ALIVE_S, step: 1, hint: '0 turns keep alive off' },
  fleetSize: { field: 'fleetSize', min: 1, step: 1 },
  publishIntervalS: { field: 'publishIntervalS', min: 0, step: 'any', hint: 'empty or 0: never publishes' },
  latencyMs: { field: 'latencyMs', min: 0, step: 1, hint: 'one way' },
  overheadBytes: {
    field: 'overheadBytes',
    min: 0,
    step: 1,
    hint: '40: IPv4 + TCP, no options',
    list: [40, 52, 60, 66],
  },
};

function NumberInput(props: {
  spec: NumberSpec;
  idBase: string;
  value: string;
  problem?: string;
  onChange(v: string): void;
}) {
  const { spec, idBase, value, problem, onChange } = props;
  const id = `${idBase}-${spec.field}`;
  const describedBy = [
    problem !== undefined ? `${id}-problem` : '',
    spec.hint !== undefined ? `${id}-hint` : '',
  ]
    .filter((s) => s !== '')
    .join(' ');
  return (
    <div className="ka-field">
      <label htmlFor={id}>{FIELD_LABELS[spec.field]}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={spec.min}
        max={spec.max}
        step={spec.step}
        list={spec.list ? `${id}-list` : undefined}
        value={value}
        aria-invalid={problem !== undefined}
        aria-describedby={describedBy === '' ? undefined : describedBy}
        onChange={(e) => onChange(e.target.value)}
      />
      {spec.list && (
        <datalist id={`${id}-list`}>
          {spec.list.map((v) => (
            <option key={v} value={v} />
          ))}
        </datalist>
      )}
      {spec.hint !== undefined && (
        <span className="ka-hint" id={`${id}-hint`}>
          {spec.hint}
        </span>
      )}
      {problem !== undefined && (
        <span className="ka-problem" id={`${id}-problem`}>
          {problem}
        </span>
      )}
    </div>
  );
}

export function InputsForm(props: {
  texts: FormTexts;
  problems: FieldProblems;
  onChange(next: FormTexts): void;
}) {
  const { texts, problems, onChange } = props;
  const idBase = useId();
  const number = (field: NumberField) => (
    <NumberInput
      spec={SPECS[field]}
      idBase={idBase}
      value={texts[field]}
      problem={problems[field]}
      onChange={(v) => onChange({ ...texts, [field]: v })}
    />
  );
  return (
    <div className="ka-fields">
      {number('keepAliveS')}
      {number('publishIntervalS')}
      <div className="ka-field">
        <label htmlFor={`${idBase}-profile`}>{FIELD_LABELS.profile}</label>
        <select
          id={`${idBase}-profile`}
          value={texts.profile}
          onChange={(e) => {
            if (isProfile(e.target.value)) onChange({ ...texts, profile: e.target.value });
          }}
        >
          {BROKER_PROFILES.map((p) => (
            <option key={p} value={p}>
              {p === 'spec' ? 'the standard (spec)' : PROFILE_TITLES[p]}
            </option>
          ))}
        </select>
      </div>
      {number('fleetSize')}
      {number('latencyMs')}
      {number('overheadBytes')}
    </div>
  );
}
