import type { Executor } from '../db/db.ts';
import {
  AuthenticationError,
  CairnError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '../shared/errors.ts';
import type { CommandContext } from './io.ts';

/** A Cairn server reached over its HTTP API with an API token (docs/adr/0010). */
export type Remote = { url: string; token: string };

const errorsByStatus: Record<number, new (message: string) => CairnError> = {
  400: InputError,
  401: AuthenticationError,
  403: NotAllowedError,
  404: NotFoundError,
  409: ConflictError,
};

/** Calls the API; an error answer becomes the same error the local command would throw. */
export async function callApi<Body>(
  remote: Remote,
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  body?: unknown,
  /** A body that is not JSON (a CSV file), sent as it is. */
  raw?: { contentType: string; content: string },
): Promise<{ status: number; body: Body }> {
  let response: Response;
  const contentType = raw?.contentType ?? (body === undefined ? undefined : 'application/json');
  try {
    response = await fetch(`${remote.url}/api${path}`, {
      method,
      headers: {
        authorization: `Bearer ${remote.token}`,
        ...(contentType ? { 'content-type': contentType } : {}),
      },
      body: raw ? raw.content : body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
      // A redirect would turn a POST into a GET and report a deployment that was never recorded.
      redirect: 'error',
    });
  } catch (error) {
    const why = error instanceof Error ? (error.cause ?? error).toString() : String(error);
    throw new CairnError(`cannot reach Cairn at ${remote.url}: ${why}`);
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CairnError(
      `${remote.url} answered HTTP ${response.status} with something that is not Cairn's JSON`,
    );
  }
  if (!response.ok) {
    const message =
      (parsed as { error?: { message?: string } }).error?.message ?? `HTTP ${response.status}`;
    const ErrorClass = errorsByStatus[response.status] ?? CairnError;
    throw new ErrorClass(message);
  }
  return { status: response.status, body: parsed as Body };
}

/**
 * For commands that also work from a CI machine: through the API when CAIRN_URL is set, else on
 * the database. Both give the same JSON.
 */
export async function viaApiOrDb<Result>(
  context: CommandContext,
  request: {
    method: 'GET' | 'POST' | 'PATCH';
    path: string;
    body?: unknown;
    raw?: { contentType: string; content: string };
  },
  local: (db: Executor) => Promise<Result>,
): Promise<Result> {
  if (context.remote) {
    const { method, path, body, raw } = request;
    return (await callApi<Result>(context.remote, method, path, body, raw)).body;
  }
  return context.withDb(local);
}

export const queryString = (params: Record<string, string | undefined>) => {
  const entries = Object.entries(params).filter(
    (entry): entry is [string, string] => entry[1] !== undefined,
  );
  return entries.length > 0 ? `?${new URLSearchParams(entries)}` : '';
};
