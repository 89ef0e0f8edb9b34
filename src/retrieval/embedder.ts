/**
 * Embedder: text → unit vectors stored in pgvector. Offline, a deterministic hashing embedder over Chinese
 * character unigrams and bigrams (no model weights); with configuration, an OpenAI-compatible endpoint.
 */
import type OpenAI from 'openai';
import { AppError } from '../errors.ts';
import { type RedactionKind, redact } from '../llm/redact.ts';

export interface Embedder {
  /** Identifies model and dimension; stored with each vector so a change is detected. */
  readonly id: string;
  readonly dim: number;
  embed(texts: string[]): Promise<number[][]>;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function normalize(v: number[]): number[] {
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  return norm === 0 ? v : v.map((x) => x / norm);
}

/** Feature hashing of CJK unigrams (weight 0.5) and bigrams (weight 1), log-scaled counts, signed buckets. */
export class HashingEmbedder implements Embedder {
  readonly id: string;
  constructor(readonly dim = 512) {
    this.id = `local-hash-v1-${dim}`;
  }

  embedOne(text: string): number[] {
    const counts = new Map<string, number>();
    const add = (f: string, w: number) => counts.set(f, (counts.get(f) ?? 0) + w);
    for (const m of text.matchAll(/[\u4e00-\u9fff]+/g)) {
      const run = m[0];
      for (let i = 0; i < run.length; i++) {
        add(`u${run[i]}`, 0.5);
        if (i + 1 < run.length) add(`b${run.slice(i, i + 2)}`, 1);
      }
    }
    const v = new Array<number>(this.dim).fill(0);
    for (const [f, c] of counts) {
      const h = fnv1a(f);
      const sign = (h & 0x80000000) === 0 ? 1 : -1;
      const idx = h % this.dim;
      v[idx] = (v[idx] ?? 0) + sign * (1 + Math.log(c + 1));
    }
    return normalize(v);
  }

  async embed(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.embedOne(t));
  }
}

/** OpenAI-compatible /embeddings endpoint (OpenAI, DashScope, vLLM, Ollama…). */
export class OpenAIEmbedder implements Embedder {
  readonly id: string;
  constructor(
    private readonly client: OpenAI,
    private readonly model: string,
    readonly dim: number,
    private readonly redactKinds: RedactionKind[] = [],
  ) {
    this.id = `openai:${model}:${dim}`;
  }

  async embed(texts: string[]): Promise<number[][]> {
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += 64) {
      // Queries may carry personal data; statute text passes unchanged.
      const batch = texts.slice(i, i + 64).map((t) => redact(t, this.redactKinds).text);
      let res: Awaited<ReturnType<OpenAI['embeddings']['create']>>;
      try {
        res = await this.client.embeddings.create({ model: this.model, input: batch, dimensions: this.dim });
      } catch (cause) {
        throw new AppError(
          'llm_unavailable',
          '向量模型服务不可用，请检查 OPENAI_BASE_URL 与 OPENAI_EMBEDDING_MODEL。',
          { cause },
        );
      }
      for (const d of [...res.data].sort((a, b) => a.index - b.index)) {
        if (d.embedding.length !== this.dim) {
          throw new AppError(
            'embedding_dimension_mismatch',
            `向量模型返回的维度为 ${d.embedding.length}，与 OPENAI_EMBEDDING_DIM=${this.dim} 不一致。`,
          );
        }
        out.push(normalize(d.embedding));
      }
    }
    return out;
  }
}
