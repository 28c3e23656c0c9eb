import { describe, expect, test } from 'vitest';
import { loadConfig } from './config.ts';

describe('configuration', () => {
  test('defaults: port 4321 on 127.0.0.1, ./.cairn, one in-process worker, no DATABASE_URL', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4321, host: '127.0.0.1', workers: 1, trustProxy: false });
    expect(config.dataDir).toMatch(/\/\.cairn$/);
    expect(config.databaseUrl).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  test('flags override the environment', () => {
    expect(loadConfig({ PORT: '5000' }, { port: '6000' }).port).toBe(6000);
  });

  test.each([
    [{ PORT: 'abc' }, 'PORT must be a whole number from 0 (any free port) to 65535'],
    [{ PORT: ' ' }, 'PORT must be a whole number from 0 (any free port) to 65535'],
    [{ PORT: '1.5' }, 'PORT must be a whole number from 0 (any free port) to 65535'],
    [{ PORT: '99999' }, 'PORT must be a whole number from 0 (any free port) to 65535'],
    [{ CAIRN_WORKERS: 'abc' }, 'CAIRN_WORKERS must be a number'],
    [{ CAIRN_WORKERS: '-1' }, 'CAIRN_WORKERS must be 0 or more'],
    [{ CAIRN_BODY_LIMIT: 'lots' }, 'CAIRN_BODY_LIMIT must be a number of bytes'],
    [{ CAIRN_SECURE_COOKIES: 'yes' }, 'CAIRN_SECURE_COOKIES must be auto, true or false'],
    [{ CAIRN_TRUST_PROXY: '1' }, 'CAIRN_TRUST_PROXY must be true or false'],
    [{ DATABASE_URL: 'mysql://db/x' }, 'DATABASE_URL must start with postgres:// or postgresql://'],
  ])('%o is refused with one line naming it', (env, message) => {
    expect(() => loadConfig(env)).toThrow(`invalid configuration: ${message}`);
  });
});
