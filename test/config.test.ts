import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';

describe('configuration', () => {
  it('defaults to the embedded database in ./data with the local embedder', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c.dataDir).toBe('/srv/app/data');
    expect(c.databaseUrl).toBeUndefined();
    expect(c.embedder).toBe('local');
  });

  it('names the variable and an example value when a value is invalid', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL.*示例：DATABASE_URL=postgres:\/\//s,
    );
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT.*PORT=3000/s);
    expect(() => loadConfig({ XINFANG_EMBEDDER: 'magic' })).toThrow(/XINFANG_EMBEDDER/);
  });

  it('requires a model and dimension before using an external embedder', () => {
    expect(() => loadConfig({ XINFANG_EMBEDDER: 'openai' })).toThrow(/OPENAI_EMBEDDING_MODEL/);
    expect(() =>
      loadConfig({ XINFANG_EMBEDDER: 'openai', OPENAI_EMBEDDING_MODEL: 'm', OPENAI_API_KEY: 'k' }),
    ).toThrow(/OPENAI_EMBEDDING_DIM/);
    const c = loadConfig({ OPENAI_EMBEDDING_MODEL: 'm', OPENAI_API_KEY: 'k', OPENAI_EMBEDDING_DIM: '8' });
    expect(c.embedder).toBe('openai');
  });
});
