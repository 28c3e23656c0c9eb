import { useContext, useRef, useState } from 'react';
import type { Metric } from '../api.ts';
import { FieldErrorsContext } from '../components/Field.tsx';
import { functionLabels } from './metric-terms.ts';

type Row = { id: number; personId: string; function: string };

/**
 * The partners who co-own the metric's success criteria: a person and their function per row,
 * read from the form as `coOwnerPerson` and `coOwnerFunction`, in order.
 */
export function CoOwnerRows({
  prefix,
  people,
  initial,
}: {
  prefix: string;
  people: { id: string; name: string }[];
  initial: Metric['coOwners'];
}) {
  const nextId = useRef(initial.length);
  const [rows, setRows] = useState<Row[]>(() =>
    initial.map((owner, index) => ({
      id: index,
      personId: owner.personId,
      function: owner.function,
    })),
  );
  const addRef = useRef<HTMLButtonElement>(null);
  const error = useContext(FieldErrorsContext).get('coOwners');
  const errorId = `${prefix}-co-owners-error`;

  function add() {
    setRows((current) => [...current, { id: nextId.current++, personId: '', function: 'product' }]);
  }

  function remove(id: number) {
    setRows((current) => current.filter((row) => row.id !== id));
    addRef.current?.focus();
  }

  return (
    <fieldset className="co-owners" aria-describedby={error ? errorId : `${prefix}-co-owners-hint`}>
      <legend>Co-owners</legend>
      <p className="hint" id={`${prefix}-co-owners-hint`}>
        Partners who co-own its success criteria, each with their function.
      </p>
      {rows.map((row, index) => {
        const label = `co-owner ${index + 1}`;
        return (
          <div className="co-owner-row" key={row.id}>
            <div className="field">
              <label htmlFor={`${prefix}-co-owner-${row.id}`}>Person ({label})</label>
              <select
                id={`${prefix}-co-owner-${row.id}`}
                name="coOwnerPerson"
                defaultValue={row.personId}
                aria-invalid={error ? true : undefined}
              >
                <option value="">Choose a person</option>
                {people.map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${prefix}-co-owner-function-${row.id}`}>Function ({label})</label>
              <select
                id={`${prefix}-co-owner-function-${row.id}`}
                name="coOwnerFunction"
                defaultValue={row.function}
              >
                {Object.entries(functionLabels).map(([value, text]) => (
                  <option key={value} value={value}>
                    {text}
                  </option>
                ))}
              </select>
            </div>
            <button type="button" className="button" onClick={() => remove(row.id)}>
              Remove {label}
            </button>
          </div>
        );
      })}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
      <div>
        <button type="button" className="button" onClick={add} ref={addRef}>
          Add a co-owner
        </button>
      </div>
    </fieldset>
  );
}
