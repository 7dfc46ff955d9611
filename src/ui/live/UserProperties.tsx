// An editor of MQTT 5 User Properties: name and value rows, added and removed by hand.
import type { UserPropertyInput } from '../../live/options';

export interface UserPropertiesProps {
  /** Names the rows' inputs for screen readers: "CONNECT user property 1 name". */
  label: string;
  rows: readonly UserPropertyInput[];
  onChange(rows: UserPropertyInput[]): void;
  invalid?: boolean;
  describedBy?: string;
}

export function UserProperties({ label, rows, onChange, invalid, describedBy }: UserPropertiesProps) {
  const set = (i: number, key: keyof UserPropertyInput, value: string): void =>
    onChange(rows.map((r, j) => (j === i ? { ...r, [key]: value } : r)));
  return (
    <div className="live-user-props" role="group" aria-label={label} aria-describedby={describedBy}>
      {rows.map((r, i) => (
        <div key={i} className="live-user-prop">
          <input
            type="text"
            spellCheck={false}
            placeholder="name"
            aria-label={`${label} ${i + 1} name`}
            aria-invalid={invalid ? true : undefined}
            value={r.name}
            onChange={(e) => set(i, 'name', e.target.value)}
          />
          <input
            type="text"
            spellCheck={false}
            placeholder="value"
            aria-label={`${label} ${i + 1} value`}
            value={r.value}
            onChange={(e) => set(i, 'value', e.target.value)}
          />
          <button
            type="button"
            aria-label={`Remove ${label.toLowerCase()} ${i + 1}`}
            title="Remove this property"
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...rows, { name: '', value: '' }])}>
        Add a user property
      </button>
    </div>
  );
}
