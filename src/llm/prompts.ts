/**
 * Prompt files (prompts/*.md): front matter with name, version and variables, then the template. Loaded and
 * validated at start with LangChain's PromptTemplate, which also does the formatting: a template whose
 * placeholders differ from its declared variables is refused.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PromptTemplate } from '@langchain/core/prompts';
import { AppError } from '../errors.ts';

export const PROMPTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../prompts');

export interface Prompt {
  name: string;
  version: number;
  variables: string[];
  template: PromptTemplate;
}

function parse(file: string): Prompt {
  const raw = readFileSync(file, 'utf8');
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(raw);
  if (!m) throw new AppError('knowledge_invalid', `提示词文件缺少头部信息：${path.basename(file)}`);
  const head = Object.fromEntries(
    (m[1] ?? '').split('\n').map((l) => {
      const i = l.indexOf(':');
      return [l.slice(0, i).trim(), l.slice(i + 1).trim()];
    }),
  );
  const variables = String(head.variables ?? '')
    .replace(/^\[|\]$/g, '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  const version = Number(head.version);
  if (!head.name || !Number.isInteger(version))
    throw new AppError('knowledge_invalid', `提示词文件 ${path.basename(file)} 须写明 name 和 version`);
  const template = PromptTemplate.fromTemplate((m[2] ?? '').trim());
  const used = [...template.inputVariables].sort().join(',');
  if (used !== [...variables].sort().join(',')) {
    throw new AppError(
      'knowledge_invalid',
      `提示词 ${head.name} 的变量（${used}）与声明的 variables（${variables.join(',')}）不一致`,
    );
  }
  return { name: String(head.name), version, variables, template };
}

export class PromptLibrary {
  private readonly prompts = new Map<string, Prompt>();

  constructor(dir = PROMPTS_DIR) {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.md') && x !== 'README.md')) {
      const p = parse(path.join(dir, f));
      this.prompts.set(p.name, p);
    }
  }

  async render(name: string, values: Record<string, string>): Promise<{ text: string; version: number }> {
    const p = this.prompts.get(name);
    if (!p) throw new AppError('knowledge_invalid', `缺少提示词 ${name}`);
    return { text: await p.template.format(values), version: p.version };
  }

  /** A prompt's text as written, for prompts that are data rather than templates (tool descriptions). */
  raw(name: string): string {
    const p = this.prompts.get(name);
    if (!p) throw new AppError('knowledge_invalid', `缺少提示词 ${name}`);
    return p.template.template as string;
  }

  names(): string[] {
    return [...this.prompts.keys()];
  }
}
