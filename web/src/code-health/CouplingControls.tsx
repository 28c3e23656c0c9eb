import type { FormEvent } from 'react';
import { type CouplingThresholds, couplingDefaults } from './useHealthParams.ts';

const fields: {
  name: keyof CouplingThresholds;
  label: string;
  hint: string;
  min: number;
  max?: number;
}[] = [
  {
    name: 'minRevisions',
    label: 'Min. commits per file',
    hint: 'Rarely changed files are left out',
    min: 1,
  },
  {
    name: 'minShared',
    label: 'Min. shared commits',
    hint: 'Pairs seen together less often are left out',
    min: 1,
  },
  {
    name: 'minDegree',
    label: 'Min. degree (%)',
    hint: 'Shared ÷ average commits of the two',
    min: 0,
    max: 100,
  },
  {
    name: 'maxFiles',
    label: 'Max. files per commit',
    hint: 'Bigger commits (renames, formatting) are ignored',
    min: 2,
  },
];

/** The thresholds of the coupling report; applied on submit, kept in the URL. */
export function CouplingControls({
  values,
  onApply,
}: {
  values: CouplingThresholds;
  onApply: (values: CouplingThresholds) => void;
}) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const read = (name: keyof CouplingThresholds) => {
      const value = Number(form.get(name));
      return Number.isFinite(value) ? value : couplingDefaults[name];
    };
    onApply({
      minRevisions: read('minRevisions'),
      minShared: read('minShared'),
      minDegree: read('minDegree') / 100,
      maxFiles: read('maxFiles'),
    });
  }
  // remount on new values so the fields show what the report used
  return (
    <form className="threshold-form" onSubmit={submit} key={JSON.stringify(values)}>
      {fields.map((field) => (
        <div className="field" key={field.name}>
          <label htmlFor={`coupling-${field.name}`}>{field.label}</label>
          <input
            id={`coupling-${field.name}`}
            name={field.name}
            type="number"
            required
            min={field.min}
            max={field.max}
            step={1}
            defaultValue={
              field.name === 'minDegree' ? Math.round(values.minDegree * 100) : values[field.name]
            }
            aria-describedby={`coupling-${field.name}-hint`}
          />
          <p className="hint" id={`coupling-${field.name}-hint`}>
            {field.hint}
          </p>
        </div>
      ))}
      <div className="threshold-actions">
        <button type="submit" className="button button-primary">
          Apply
        </button>
        <button type="button" className="button" onClick={() => onApply(couplingDefaults)}>
          Defaults
        </button>
      </div>
    </form>
  );
}
