/**
 * Letter questions proved by the drafter and the checker (knowledge/quiz/letters.json):
 * - letter_defect: a compliant drafted letter (the checker finds nothing) gets one defect of the checks.md catalogue;
 *   the officer is shown the paragraph and asks what is wrong with it. The checker must report exactly the injected
 *   code on the changed letter, and none of the distractors' codes;
 * - remedy: which remedy sentence a given letter must end with; each option is put into the letter and checked —
 *   the answer yields no finding, every distractor the finding its explanation quotes.
 */
import path from 'node:path';
import { z } from 'zod';
import type { Finding } from '../../domain/findings.ts';
import type { LetterChecker } from '../check/checker.ts';
import { addDays } from '../deadlines/dates.ts';
import { type Drafter, DraftValidationError } from '../letters/drafter.ts';
import { type Candidate, readJsonFile } from './cases.ts';
import type { Question } from './types.ts';
import { hash, lettered, rng, shuffle } from './util.ts';

const LetterKind = z.enum(['handling_opinion', 'review_opinion', 'recheck_opinion']);
type LetterKind = z.infer<typeof LetterKind>;

export const LetterQuizFile = z.object({
  bases: z.array(z.object({ id: z.string(), subject: z.string(), input: z.record(z.string(), z.unknown()) })),
  organs: z.array(z.object({ issuer: z.string(), superior: z.string(), recheck: z.string() })),
  codes: z.record(z.string(), z.object({ diagnosis: z.string(), ok: z.string() })),
  defects: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      types: z.array(LetterKind),
      find: z.string(),
      replace: z.string(),
      remedy: z.boolean().optional(),
      /** Codes the defect necessarily brings with it (replacing a finality notice also removes it). */
      also: z.array(z.string()).optional(),
      /** Only on these base cases (vague facts: the checker asks for specifics only where a request is refused). */
      bases: z.array(z.string()).optional(),
    }),
  ),
});
export type LetterQuizFile = z.infer<typeof LetterQuizFile>;

export function loadLetterQuiz(dir: string): LetterQuizFile {
  return readJsonFile(path.join(dir, 'letters.json'), LetterQuizFile);
}

const TITLE: Record<LetterKind, string> = {
  handling_opinion: '信访事项处理意见书',
  review_opinion: '信访事项复查意见书',
  recheck_opinion: '信访事项复核意见书',
};

interface Drafted {
  base: string;
  id: string;
  type: LetterKind;
  issuer: string;
  superior: string;
  subject: string;
  text: string;
}

function codes(findings: Finding[]): string[] {
  return [...new Set(findings.map((f) => f.code))].sort();
}

export function letterQuestions(deps: {
  drafter: Drafter;
  checker: LetterChecker;
  file: LetterQuizFile;
}): Candidate[] {
  const { drafter, checker, file } = deps;
  const out: Candidate[] = [];
  const letters: Drafted[] = [];
  // Each base case drafted as each letter type by each chain of organs: compliant letters to break.
  for (const base of file.bases) {
    file.organs.forEach((o, oi) => {
      for (const type of LetterKind.options) {
        const chain =
          type === 'handling_opinion'
            ? { handlingBody: o.issuer, superiorBody: o.superior }
            : type === 'review_opinion'
              ? { handlingBody: o.superior, superiorBody: o.recheck }
              : { handlingBody: o.recheck };
        const input: Record<string, unknown> = { ...base.input, ...chain, letterType: type };
        if (type !== 'handling_opinion') {
          const prior = type === 'review_opinion' ? o.issuer : o.superior;
          input.originalOpinion = { body: prior, date: base.input.issueDate };
          input.issueDate = addDays(String(base.input.requestReceivedDate), 20);
        }
        try {
          const d = drafter.draft(input);
          letters.push({
            base: base.id,
            id: `${base.id}-${oi}-${type}`,
            type,
            issuer: chain.handlingBody,
            superior: 'superiorBody' in chain ? chain.superiorBody : '',
            subject: base.subject,
            text: d.text,
          });
        } catch (e) {
          // A case the drafter refuses is recorded as refused; anything else is a bug and stops the bank.
          if (!(e instanceof DraftValidationError)) throw e;
          out.push(refusedLetter(`ltr-${base.id}-${oi}-${type}`, `draft failed: ${e.userMessage}`));
        }
      }
    });
  }

  const fill = (s: string, l: Drafted) =>
    s.replaceAll('{superior}', l.superior).replaceAll('{issuer}', l.issuer);

  for (const l of letters) {
    const base = checker.check(l.text);
    const baseCodes = codes(base.findings);
    for (const defect of file.defects.filter(
      (d) => d.types.includes(l.type) && (!d.bases || d.bases.includes(l.base)),
    )) {
      const id = `ltr-${l.id}-${defect.id}`;
      // Only some combinations: every defect on some letters, not the full product.
      if (rng(hash(id))() >= 0.4) continue;
      const pattern = new RegExp(fill(defect.find, l), 'm');
      const changed = l.text.replace(pattern, fill(defect.replace, l));
      if (changed === l.text) {
        out.push(refusedLetter(id, `defect ${defect.id} does not apply`));
        continue;
      }
      const report = checker.check(changed);
      const found = codes(report.findings);
      const finding = report.findings.find((f) => f.code === defect.code);
      const paragraph = changedParagraph(l.text, changed);
      const candidates = shuffle(
        Object.keys(file.codes).filter((c) => c !== defect.code && !found.includes(c)),
        rng(hash(id)),
      );
      // Prefer distractors of the same family (remedy codes for a remedy defect).
      const family = (c: string) => (c.startsWith('WRONG_REMEDY') || c.startsWith('MISSING_FIN') ? 1 : 0);
      const wanted = family(defect.code);
      const distractors = [
        ...candidates.filter((c) => family(c) === wanted),
        ...candidates.filter((c) => family(c) !== wanted),
      ].slice(0, 3);
      const diagnosis = (c: string) => file.codes[c]?.diagnosis ?? c;
      const { options, key, order } = lettered(id, defect.code, distractors, diagnosis);
      out.push({
        question: {
          id,
          type: 'single',
          kind: 'letter_defect',
          concept: defect.remedy ? '救济告知' : '文书要素与引用',
          stem: `${l.issuer}就${l.subject}出具的《${TITLE[l.type]}》中有这样一段：\n“${paragraph}”\n这段文字的问题是什么？`,
          options,
          answer: [key],
          explanation: [
            `正确：${diagnosis(defect.code)}。检查器：${finding?.message ?? ''}${finding?.suggestion ? `应改为：${finding.suggestion}` : ''}`,
            ...order
              .filter((c) => c !== defect.code)
              .map(
                (c) =>
                  `${options[order.indexOf(c)]?.key}不对：${file.codes[c]?.ok ?? ''}，检查器未报此问题。`,
              ),
          ].join('\n'),
          basis: finding?.basis.length ? finding.basis : [{ law: '信访工作条例', article: 32 }],
          difficulty: defect.remedy ? 2 : 3,
          chapter: 4,
          proof: {
            by: 'checker',
            detail: `起草的文书检查无问题；注入“${defect.id}”后检查器报告 ${found.join('、')}`,
          },
        },
        verify: () => {
          if (baseCodes.length > 0) return `drafted letter not clean: ${baseCodes.join(',')}`;
          if (report.letterType !== l.type) return `checker reads the changed letter as ${report.letterType}`;
          const allowed = new Set([defect.code, ...(defect.also ?? [])]);
          if (!found.includes(defect.code) || found.some((c) => !allowed.has(c)))
            return `checker reports ${found.join(',') || 'nothing'}`;
          if (distractors.length < 3) return 'fewer than three distractors';
          return null;
        },
      });
    }
  }

  // Which remedy sentence a letter must carry (handling and review opinions, recheck finality).
  for (const l of letters) {
    const id = `rem-${l.id}`;
    const remedyDefects = file.defects.filter((d) => d.remedy && d.types.includes(l.type));
    const line = l.text
      .split('\n')
      .find((x) => /复查。|复核。|不再受理。/.test(x))
      ?.trim();
    if (!line) {
      out.push(refusedLetter(id, 'no remedy sentence'));
      continue;
    }
    const variants = new Map<string, string>();
    for (const d of shuffle(remedyDefects, rng(hash(id)))) {
      const v: string = line.replace(new RegExp(fill(d.find, l)), fill(d.replace, l));
      if (v !== line && v !== '' && !variants.has(v)) variants.set(v, d.code);
    }
    const wrong = [...variants.keys()].slice(0, 3);
    const results = new Map(
      [line, ...wrong].map((s) => [s, checker.check(l.text.replace(line, s))] as const),
    );
    const { options, key, order } = lettered(id, line, wrong, (x) => x);
    const body =
      l.type === 'recheck_opinion'
        ? '结尾应当怎样告知？'
        : `结尾的救济告知应当怎样写？（该机关的上一级机关为${l.superior}）`;
    out.push({
      question: {
        id,
        type: 'single',
        kind: 'remedy',
        concept: '救济告知',
        stem: `${l.issuer}就${l.subject}出具《${TITLE[l.type]}》，${body}`,
        options,
        answer: [key],
        explanation: [
          `正确：${line}`,
          ...order
            .filter((s) => s !== line)
            .map((s) => {
              const f = results.get(s)?.findings[0];
              return `${options[order.indexOf(s)]?.key}不对：${f?.message ?? ''}`;
            }),
        ].join('\n'),
        basis: [{ law: '信访工作条例', article: l.type === 'handling_opinion' ? 35 : 36 }],
        difficulty: l.type === 'handling_opinion' ? 2 : 3,
        chapter: 4,
        proof: {
          by: 'checker',
          detail: `每个选项放入文书后检查：正确项无问题；${wrong.map((s) => codes(results.get(s)?.findings ?? []).join('、')).join('；')}`,
        },
      },
      verify: () => {
        if ((results.get(line)?.findings.length ?? 1) > 0) return 'the right sentence draws a finding';
        if (wrong.length < 3) return 'fewer than three wrong sentences';
        for (const s of wrong) {
          const found = codes(results.get(s)?.findings ?? []);
          if (!found.some((c) => c === variants.get(s))) return `checker misses ${variants.get(s)} in “${s}”`;
        }
        return null;
      },
    });
  }
  return out;
}

/** The lines of the changed letter that differ from the original (the paragraph shown to the officer). */
function changedParagraph(original: string, changed: string): string {
  const before = new Set(original.split('\n').map((x) => x.trim()));
  const lines = changed
    .split('\n')
    .map((x) => x.trim())
    .filter((x) => x !== '' && !before.has(x));
  if (lines.length > 0) return lines.join('\n');
  // A removed sentence: show the line it was removed from.
  const after = new Set(changed.split('\n').map((x) => x.trim()));
  return original
    .split('\n')
    .map((x) => x.trim())
    .filter((x) => x !== '' && !after.has(x))
    .join('\n');
}

function refusedLetter(id: string, problem: string): Candidate {
  const question: Question = {
    id,
    type: 'single',
    kind: 'letter_defect',
    concept: '文书要素与引用',
    stem: '（未生成）',
    options: [],
    answer: ['-'],
    explanation: '',
    basis: [{ law: '信访工作条例', article: 32 }],
    difficulty: 1,
    chapter: null,
    proof: { by: 'checker', detail: problem },
  };
  return { question, verify: () => problem };
}
