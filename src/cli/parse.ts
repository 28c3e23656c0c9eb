import type { z } from 'zod';
import { InputError } from '../shared/errors.ts';

/**
 * zod at the CLI boundary: flags → typed input, or an InputError naming the flag: the field's
 * name in kebab case, or the flag `flags` gives for its path (`sourceConfig.url` → `--prometheus-url`).
 */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  label?: string,
  flags: Record<string, string> = {},
): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.join('.') ?? '';
  const flag = flags[path] ?? `--${path.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
  const where = label ?? (path ? flag : 'input');
  throw new InputError(`${where}: ${issue?.message ?? 'invalid'}`);
}
