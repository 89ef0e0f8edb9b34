/** The catalogue of laws the assistant knows: built-in knowledge, the registry, and ingested official texts. */
import type { Knowledge } from '../knowledge/load.ts';
import type { LawCatalog } from './references.ts';

export interface LawInfo {
  law: string;
  title: string;
  version: string;
  status: 'current' | 'superseded';
  supersededBy?: string;
  note?: string;
}

export class Catalog implements LawCatalog {
  readonly defaultLaw: string;
  private readonly exact = new Map<string, string>();
  private readonly alias = new Map<string, string>();
  private readonly info = new Map<string, LawInfo>();
  private sortedNames: string[] = [];

  constructor(knowledge: Knowledge) {
    this.defaultLaw = knowledge.registry.defaultLaw;
    for (const l of knowledge.laws) {
      this.addLaw({ law: l.law, title: l.title, version: l.version, status: l.status }, l.aliases);
    }
    for (const l of knowledge.registry.laws) {
      const info: LawInfo = { law: l.law, title: l.title, version: l.version, status: l.status };
      if (l.supersededBy) info.supersededBy = l.supersededBy;
      if (l.note) info.note = l.note;
      this.addLaw(info, []);
      // In running text "信访条例" means the current regulation; only 《信访条例》 names the superseded one.
      if (l.status === 'superseded' && l.supersededBy) this.alias.set(l.law, l.supersededBy);
    }
    this.refreshNames();
  }

  /** Adds (or updates) a law, e.g. after an official text was ingested. */
  addLaw(info: LawInfo, aliases: string[]): void {
    const known = this.info.get(info.law);
    this.info.set(
      info.law,
      known && known.status === 'superseded' ? { ...info, ...known, version: info.version } : info,
    );
    this.exact.set(info.law, info.law);
    this.exact.set(info.title, info.law);
    this.exact.set(info.title.replaceAll('中华人民共和国', ''), info.law);
    for (const a of aliases) if (!this.exact.has(a)) this.alias.set(a, info.law);
    this.refreshNames();
  }

  private refreshNames(): void {
    this.sortedNames = [...new Set([...this.exact.keys(), ...this.alias.keys()])].sort(
      (a, b) => b.length - a.length,
    );
  }

  resolve(name: string, bracketed: boolean): string | null {
    const n = name.trim();
    if (bracketed) return this.exact.get(n) ?? this.alias.get(n) ?? null;
    return this.alias.get(n) ?? this.exact.get(n) ?? null;
  }

  names(): string[] {
    return this.sortedNames;
  }

  get(law: string): LawInfo | undefined {
    return this.info.get(law);
  }

  isCurrent(law: string): boolean {
    return this.info.get(law)?.status !== 'superseded';
  }
}
