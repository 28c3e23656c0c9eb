import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from './access.ts';
import { InputError } from './errors.ts';

/** Helpers for route definitions: a JSON response and a required JSON request body. */
export function jsonResponse<Schema extends z.ZodType>(schema: Schema, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

export function jsonBody<Schema extends z.ZodType>(schema: Schema) {
  return { required: true, content: { 'application/json': { schema } } };
}

export const idParamSchema = z.object({
  id: z.uuid('id must be a UUID').openapi({ param: { name: 'id', in: 'path' } }),
});

export const timestampSchema = z.string().openapi({ format: 'date-time' });

/** A name used in URLs and on the command line (repositories, services). */
export const slugNameSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/,
    'name must be 1–100 letters, digits, dots, dashes or underscores, starting with a letter or digit',
  );

/**
 * A feature's router: an OpenAPIHono whose failed validations throw InputError, so that every
 * 400 has the one error body and names the field that was wrong.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issues = result.error.issues.map((issue) => ({
          path: issue.path.join('.'),
          message: issue.message,
        }));
        const first = issues[0];
        const where = result.target === 'json' ? 'body' : result.target;
        // "name must not be empty" names its field already; zod's own messages do not.
        const message = first?.message ?? 'invalid';
        const field =
          first?.path && !message.startsWith(first.path.split('.')[0] ?? '')
            ? `${first.path}: `
            : '';
        throw new InputError(`invalid ${where}: ${field}${message}`, issues);
      }
    },
  });
}
