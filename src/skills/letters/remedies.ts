/** The remedy guidance table (knowledge/remedies.json): the only source of remedy sentences, days and bodies. */
import type { LetterType } from '../../domain/letters.ts';
import { loadRemedies, type Remedies, type Remedy } from '../../knowledge/checks.ts';
import { KNOWLEDGE_DIR } from '../../knowledge/load.ts';

export type { Remedy };

export class RemedyTable {
  constructor(readonly table: Remedies) {}

  static load(dir = KNOWLEDGE_DIR): RemedyTable {
    return new RemedyTable(loadRemedies(dir));
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
