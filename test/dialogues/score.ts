/** Runs scripted dialogues through the conversation engine and scores every turn (intent, citation, route, letter). */
import type { ConversationReply } from '../../src/conversation/engine.ts';
import type { Dialogue, Turn } from './types.ts';

interface TurnResult {
  dialogue: string;
  turn: number;
  say: string;
  problems: string[];
  intentOk: boolean;
  citeOk: boolean | null;
  letterOk: boolean | null;
}

export interface Score {
  turns: number;
  correct: number;
  intent: number;
  cite: { right: number; of: number };
  letter: { right: number; of: number };
  failures: TurnResult[];
}

export type Handle = (session: string, message: string) => Promise<ConversationReply>;

function judge(t: Turn, r: ConversationReply): Omit<TurnResult, 'dialogue' | 'turn' | 'say'> {
  const problems: string[] = [];
  const intentOk = r.intent === t.intent;
  if (!intentOk) problems.push(`intent ${r.intent} ≠ ${t.intent}`);
  let citeOk: boolean | null = null;
  if (t.cite) {
    const lead = r.citations[0];
    citeOk = lead !== undefined && `${lead.law}#${lead.article}` === t.cite;
    if (!citeOk) problems.push(`lead ${lead ? `${lead.law}#${lead.article}` : 'none'} ≠ ${t.cite}`);
  }
  if (t.route) {
    const c = r.classification;
    const route = c ? (c.subchannel ?? c.channel) : 'none';
    if (route !== t.route && c?.channel !== t.route) problems.push(`route ${route} ≠ ${t.route}`);
  }
  let letterOk: boolean | null = null;
  if (t.letter) {
    letterOk = r.draft?.letterType === t.letter;
    if (!letterOk) problems.push(`letter ${r.draft?.letterType ?? 'none'} ≠ ${t.letter}`);
  }
  for (const w of t.has ?? []) if (!r.text.includes(w)) problems.push(`missing “${w}”`);
  for (const w of t.not ?? []) if (r.text.includes(w)) problems.push(`has “${w}”`);
  return { problems, intentOk, citeOk, letterOk };
}

export async function score(dialogues: Dialogue[], handle: Handle, prefix: string): Promise<Score> {
  const s: Score = {
    turns: 0,
    correct: 0,
    intent: 0,
    cite: { right: 0, of: 0 },
    letter: { right: 0, of: 0 },
    failures: [],
  };
  for (const [i, d] of dialogues.entries()) {
    const session = `${prefix}:${i}`;
    for (const [j, t] of d.turns.entries()) {
      const r = await handle(session, t.say);
      const j2 = judge(t, r);
      s.turns++;
      if (j2.intentOk) s.intent++;
      if (j2.citeOk !== null) {
        s.cite.of++;
        if (j2.citeOk) s.cite.right++;
      }
      if (j2.letterOk !== null) {
        s.letter.of++;
        if (j2.letterOk) s.letter.right++;
      }
      if (j2.problems.length === 0) s.correct++;
      else s.failures.push({ dialogue: d.name, turn: j + 1, say: t.say.slice(0, 40), ...j2 });
    }
  }
  return s;
}

export function summary(name: string, s: Score): string {
  const pct = (a: number, b: number) => (b === 0 ? '—' : `${Math.round((100 * a) / b)}%`);
  return [
    `${name}: ${s.turns} turns; all-correct ${pct(s.correct, s.turns)}; intent ${pct(s.intent, s.turns)}; leading citation ${pct(s.cite.right, s.cite.of)} (${s.cite.right}/${s.cite.of}); letter type ${pct(s.letter.right, s.letter.of)} (${s.letter.right}/${s.letter.of})`,
    ...s.failures.map((f) => `  ✗ ${f.dialogue} #${f.turn} “${f.say}”: ${f.problems.join('; ')}`),
  ].join('\n');
}
