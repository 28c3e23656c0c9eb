import { z } from '@hono/zod-openapi';
import { roles, scopes } from '../shared/access.ts';
import { timestampSchema } from '../shared/openapi.ts';

export const roleSchema = z.enum(roles).openapi('Role');
export const scopeSchema = z.enum(scopes).openapi('Scope');

const email = z
  .email('email must be a valid email address')
  .max(320)
  .transform((value) => value.toLowerCase());
export const passwordSchema = z
  .string()
  .min(10, 'password must be at least 10 characters')
  .max(1000, 'password is at most 1000 characters');

export const userSchema = z
  .object({
    id: z.uuid(),
    personId: z.uuid(),
    name: z.string(),
    email: z.string(),
    role: roleSchema,
    disabled: z.boolean(),
    createdAt: timestampSchema,
  })
  .openapi('User');
export type User = z.infer<typeof userSchema>;

export const createUserSchema = z
  .object({
    email,
    name: z.string().trim().min(1, 'name must not be empty').max(200).optional().openapi({
      description: 'Creates a person with this name when no person has the email yet',
    }),
    role: roleSchema,
    password: passwordSchema
      .optional()
      .openapi({ description: 'Without one, the user cannot sign in yet' }),
  })
  .strict()
  .openapi('CreateUser');
export type CreateUser = z.infer<typeof createUserSchema>;

export const updateUserSchema = z
  .object({ email, role: roleSchema, disabled: z.boolean(), password: passwordSchema })
  .partial()
  .strict()
  .openapi('UpdateUser');
export type UpdateUser = z.infer<typeof updateUserSchema>;

export const setupSchema = z
  .object({
    email,
    name: z.string().trim().min(1, 'name must not be empty').max(200),
    password: passwordSchema,
  })
  .strict()
  .openapi('Setup');
export type Setup = z.infer<typeof setupSchema>;

export const loginSchema = z
  .object({ email, password: z.string().min(1, 'password must not be empty').max(1000) })
  .strict()
  .openapi('Login');
export type Login = z.infer<typeof loginSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'currentPassword must not be empty').max(1000),
    newPassword: passwordSchema,
  })
  .strict()
  .openapi('ChangePassword');
export type ChangePassword = z.infer<typeof changePasswordSchema>;

export const sessionSchema = z
  .object({
    user: userSchema,
    via: z.enum(['session', 'token']),
    scopes: z.array(scopeSchema),
    csrfToken: z.string().nullable().openapi({
      description: 'Send it as X-CSRF-Token on every write made with the session cookie',
    }),
  })
  .openapi('Session');
export type Session = z.infer<typeof sessionSchema>;

export const setupStatusSchema = z.object({ needed: z.boolean() }).openapi('SetupStatus');

export const tokenSchema = z
  .object({
    id: z.uuid(),
    userId: z.uuid(),
    userEmail: z.string(),
    name: z.string(),
    prefix: z
      .string()
      .openapi({ description: 'The first characters of the token, to recognise it' }),
    scopes: z.array(scopeSchema),
    createdAt: timestampSchema,
    expiresAt: timestampSchema.nullable(),
    lastUsedAt: timestampSchema.nullable(),
    revokedAt: timestampSchema.nullable(),
  })
  .openapi('ApiToken');
export type Token = z.infer<typeof tokenSchema>;

export const createTokenSchema = z
  .object({
    name: z.string().trim().min(1, 'name must not be empty').max(200),
    scopes: z
      .array(scopeSchema)
      .min(1, 'scopes must name at least one of read, write, ingest')
      .default(['read']),
    expiresInDays: z.number().int().min(1).max(3650).nullable().default(null),
    userId: z
      .uuid()
      .optional()
      .openapi({ description: 'Admins may create a token for another user' }),
  })
  .strict()
  .openapi('CreateToken');
export type CreateToken = z.infer<typeof createTokenSchema>;

export const createdTokenSchema = tokenSchema
  .extend({ token: z.string().openapi({ description: 'Shown once; only its hash is stored' }) })
  .openapi('CreatedApiToken');
export type CreatedToken = z.infer<typeof createdTokenSchema>;
