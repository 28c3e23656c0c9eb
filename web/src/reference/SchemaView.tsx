import { createContext, useContext } from 'react';
import { type OpenApiDocument, refName, resolveRef, type Schema } from './openapi-types.ts';

export const DocumentContext = createContext<OpenApiDocument | null>(null);

/** A JSON schema as a nested list of fields, with `$ref`s resolved (once per branch). */
export function SchemaView({ schema, seen = [] }: { schema: Schema; seen?: string[] }) {
  const document = useContext(DocumentContext);
  if (schema.$ref) {
    const name = refName(schema.$ref);
    const target = document ? resolveRef(document, schema.$ref) : undefined;
    if (!target || seen.includes(name)) return <span className="schema-type">{name}</span>;
    if (!isStructured(target)) return <TypeLabel schema={schema} />;
    return (
      <div className="schema-ref">
        <span className="schema-name">{name}</span>
        <SchemaView schema={target} seen={[...seen, name]} />
      </div>
    );
  }
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) {
    return (
      <div>
        <span className="schema-type">one of</span>
        <ul className="schema-variants">
          {variants.map((variant, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: variants have no identity of their own
            <li key={index}>
              <SchemaView schema={variant} seen={seen} />
            </li>
          ))}
        </ul>
      </div>
    );
  }
  if (schema.allOf) {
    return (
      <div>
        {schema.allOf.map((part, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts have no identity of their own
          <SchemaView key={index} schema={part} seen={seen} />
        ))}
      </div>
    );
  }
  if (schema.properties) {
    const required = new Set(schema.required ?? []);
    return (
      <div>
        {schema.description && <p className="schema-description">{schema.description}</p>}
        <ul className="schema-fields">
          {Object.entries(schema.properties).map(([name, property]) => (
            <li key={name}>
              <div className="schema-field">
                <code className="schema-field-name">{name}</code>
                <TypeLabel schema={property} />
                {required.has(name) ? (
                  <span className="schema-required">required</span>
                ) : (
                  <span className="schema-optional">optional</span>
                )}
              </div>
              {property.description && <p className="schema-description">{property.description}</p>}
              <Constraints schema={property} />
              <Nested schema={property} seen={seen} />
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <div>
      <TypeLabel schema={schema} />
      {schema.description && <p className="schema-description">{schema.description}</p>}
      <Constraints schema={schema} />
      <Nested schema={schema} seen={seen} />
    </div>
  );
}

/** The structure inside a field: its object fields, or those of its array items. */
function Nested({ schema, seen }: { schema: Schema; seen: string[] }) {
  const document = useContext(DocumentContext);
  const inner = schema.items ?? schema;
  const structured = inner.$ref || inner.properties || inner.anyOf || inner.oneOf || inner.allOf;
  if (!structured || (inner.$ref && seen.includes(refName(inner.$ref)))) return null;
  const target = inner.$ref && document ? resolveRef(document, inner.$ref) : undefined;
  if (target && !isStructured(target)) return null;
  if (inner === schema && !schema.$ref && !schema.properties) return null;
  return (
    <div className="schema-nested">
      <SchemaView schema={inner} seen={seen} />
    </div>
  );
}

/** The type in one line; a `$ref` to a plain type (an enum, say) shows that type. */
export function TypeLabel({ schema }: { schema: Schema }) {
  const document = useContext(DocumentContext);
  const target = schema.$ref && document ? resolveRef(document, schema.$ref) : undefined;
  const shown = target && !isStructured(target) ? target : schema;
  return <span className="schema-type">{typeName(shown)}</span>;
}

function isStructured(schema: Schema): boolean {
  return Boolean(schema.properties || schema.anyOf || schema.oneOf || schema.allOf || schema.items);
}

export function typeName(schema: Schema): string {
  if (schema.$ref) return refName(schema.$ref);
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(' | ');
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return variants.map(typeName).join(' | ');
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const names = types.map((type) => {
    if (type === 'array') return `array of ${schema.items ? typeName(schema.items) : 'any'}`;
    if (type === 'string' && schema.format) return `string (${schema.format})`;
    return type;
  });
  return names.join(' | ') || (schema.properties ? 'object' : 'any');
}

function Constraints({ schema }: { schema: Schema }) {
  const parts: string[] = [];
  if (schema.minimum !== undefined) parts.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined) parts.push(`≤ ${schema.maximum}`);
  if (schema.minLength !== undefined) parts.push(`at least ${schema.minLength} characters`);
  if (schema.maxLength !== undefined) parts.push(`at most ${schema.maxLength} characters`);
  if (schema.minItems !== undefined) parts.push(`at least ${schema.minItems} items`);
  if (schema.maxItems !== undefined) parts.push(`at most ${schema.maxItems} items`);
  if (schema.pattern) parts.push(`matches ${schema.pattern}`);
  if (schema.default !== undefined) parts.push(`default ${JSON.stringify(schema.default)}`);
  if (schema.example !== undefined) parts.push(`e.g. ${JSON.stringify(schema.example)}`);
  if (parts.length === 0) return null;
  return <p className="schema-constraints">{parts.join(' · ')}</p>;
}
