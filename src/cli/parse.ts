import type { z } from 'zod';
import { InputError } from '../shared/errors.ts';

/** zod at the CLI boundary: flags → typed input, or an InputError naming the flag. */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  label?: string,
): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const flag = issue?.path.join('.').replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  const where = label ?? (flag ? `--${flag}` : 'input');
  throw new InputError(`${where}: ${issue?.message ?? 'invalid'}`);
}
