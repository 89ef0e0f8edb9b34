/**
 * Model-written quiz questions: for each chosen article the model proposes questions (structured output), and a
 * question joins the bank only if its basis article proves it (verifyCandidate). Accepted questions are stored and
 * verified again whenever the bank is loaded.
 */
import { z } from 'zod';
import type { Logger } from '../log.ts';
import { displayText, type LawLibrary } from '../retrieval/library.ts';
import {
  type CandidateQuestion,
  candidateToQuestion,
  type QuizBank,
  verifyCandidate,
} from '../skills/quiz/bank.ts';
import type { Queryable } from '../storage/db.ts';
import { generatedQuestions, saveGeneratedQuestion } from '../storage/repositories/quiz.ts';
import type { ChatModel } from './model.ts';
import type { PromptLibrary } from './prompts.ts';
import { completeStructured } from './structured.ts';

const Candidate = z.object({
  stem: z.string().min(4),
  options: z.array(z.string()),
  answer: z.string(),
  explanation: z.string(),
});
const Candidates = z.object({ questions: z.array(Candidate) });

export interface GenerationReport {
  accepted: string[];
  rejected: { stem: string; problem: string }[];
}

export async function generateQuizQuestions(
  deps: {
    model: ChatModel;
    prompts: PromptLibrary;
    library: LawLibrary;
    bank: QuizBank;
    db: Queryable;
    log: Logger;
  },
  articles: { law: string; article: number }[],
  perArticle = 2,
): Promise<GenerationReport> {
  const report: GenerationReport = { accepted: [], rejected: [] };
  for (const ref of articles) {
    const a = deps.library.get(ref.law, ref.article);
    if (!a) continue;
    const { text } = await deps.prompts.render('quiz', {
      article: `《${a.law}》${a.label}：${displayText(a)}`,
      count: String(perArticle),
    });
    const out = await completeStructured(
      deps.model,
      [{ role: 'user', content: text }],
      Candidates,
      'quiz_questions',
    );
    for (const c of out.questions) {
      const q = candidateToQuestion(a, c, deps.bank.chapterFor(a.law, a.article));
      const problem = deps.bank.addVerified(q, () => verifyCandidate(a, c));
      if (problem) {
        report.rejected.push({ stem: c.stem, problem });
        continue;
      }
      await saveGeneratedQuestion(deps.db, { id: q.id, law: a.law, article: a.article, candidate: c });
      report.accepted.push(q.id);
    }
  }
  deps.log.info({ accepted: report.accepted.length, rejected: report.rejected.length }, 'quiz generation');
  return report;
}

/** Loads stored model-written questions into the bank, verifying each again against the current library. */
export async function loadGeneratedQuestions(
  db: Queryable,
  library: LawLibrary,
  bank: QuizBank,
): Promise<number> {
  let n = 0;
  for (const r of await generatedQuestions(db)) {
    const a = library.get(r.law, r.article);
    if (!a) continue;
    // Stored as the model wrote it; read back through the same schema, and proved again below.
    const parsed = Candidate.safeParse(r.candidate);
    if (!parsed.success) continue;
    const c: CandidateQuestion = parsed.data;
    if (
      !bank.addVerified(candidateToQuestion(a, c, bank.chapterFor(r.law, r.article)), () =>
        verifyCandidate(a, c),
      )
    )
      n++;
  }
  return n;
}
