/** The remedy guidance table (knowledge/remedies.json): the only source of remedy sentences in letters. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ArticleRef } from '../../domain/law.ts';
import { LetterType } from '../../domain/letters.ts';
import { AppError } from '../../errors.ts';
import { KNOWLEDGE_DIR } from '../../knowledge/load.ts';

const Remedy = z.object({
  sentence: z.string().min(10),
  days: z.number().int().positive().nullable(),
  next: z.enum(['复查', '复核']).nullable(),
  basis: z.array(ArticleRef).min(1),
});
export type Remedy = z.infer<typeof Remedy>;

const RemedyFile = z.object({ remedies: z.partialRecord(LetterType, Remedy) });

export class RemedyTable {
  constructor(private readonly table: Partial<Record<LetterType, Remedy>>) {}

  static load(dir = KNOWLEDGE_DIR): RemedyTable {
    const parsed = RemedyFile.safeParse(JSON.parse(readFileSync(path.join(dir, 'remedies.json'), 'utf8')));
    if (!parsed.success)
      throw new AppError('knowledge_invalid', '救济途径表 remedies.json 格式错误。', { cause: parsed.error });
    return new RemedyTable(parsed.data.remedies);
  }

  get(type: LetterType): Remedy | undefined {
    return this.table[type];
  }

  /** The remedy sentence for a letter type, with the superior body filled in. */
  sentence(type: LetterType, superior: string | null): string | null {
    const r = this.table[type];
    if (!r) return null;
    return r.sentence.replace('{superior}', superior ?? '上一级机关、单位（写明具体名称）');
  }
}
