/**
 * Application questions built from case stories (knowledge/quiz/cases.json) and proved by the classifier:
 * - classification: which route; the story names a route of the route table, the classifier must agree with that
 *   route's rule, and no distractor may be the classifier's route or one of its alternatives;
 * - separation (诉访分离 and field laws): where the matter goes and under which law, and the field law's time limit;
 * - admissibility: whether to accept, by the stage of procedure the story describes.
 * Distractors are the routes most often confused with the answer (knowledge/quiz/channels.json `confusedWith`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Classification } from '../../domain/classification.ts';
import type { ArticleRef } from '../../domain/law.ts';
import { normalizeNumerals, toChineseNumber } from '../../knowledge/numerals.ts';
import type { Route } from '../../knowledge/schema.ts';
import type { LawLibrary } from '../../retrieval/library.ts';
import type { Classifier } from '../classify/classifier.ts';
import type { Question } from './types.ts';
import { hash, lettered, rng, shuffle } from './util.ts';

const ArticleRefs = z.array(z.object({ law: z.string(), article: z.number().int().positive() }));

export const ChannelCatalogue = z.object({
  routes: z.record(
    z.string(),
    z.object({ option: z.string(), when: z.string(), confusedWith: z.array(z.string()) }),
  ),
  admissibility: z.record(z.string(), z.object({ option: z.string(), when: z.string(), basis: ArticleRefs })),
  concepts: z.record(z.string(), z.string()),
});
export type ChannelCatalogue = z.infer<typeof ChannelCatalogue>;

export const CaseFile = z.object({
  cases: z.array(z.object({ id: z.string(), route: z.string(), text: z.string() })),
  admissibility: z.array(z.object({ id: z.string(), expect: z.string(), text: z.string() })),
});
export type CaseFile = z.infer<typeof CaseFile>;

export function readJsonFile<T>(file: string, schema: z.ZodType<T>): T {
  return schema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

export function loadCaseKnowledge(dir: string): { catalogue: ChannelCatalogue; cases: CaseFile } {
  return {
    catalogue: readJsonFile(path.join(dir, 'channels.json'), ChannelCatalogue),
    cases: readJsonFile(path.join(dir, 'cases.json'), CaseFile),
  };
}

export interface Candidate {
  question: Question;
  verify: () => string | null;
}

const ITEM: Record<string, number> = {
  judicial: 1,
  arbitration: 2,
  party_appeal: 3,
  administrative_procedure: 4,
  duty_performance: 5,
};
const VOICES = ['来信称：', '群众走访反映：', '网上信访件称：', '12345热线转来诉求：', '来访人陈述：'];
const PERIODS = ['15日', '30日', '60日', '90日', '1个月', '3个月', '6个月', '1年', '2年', '3年'];

function routeKey(channel: string, subchannel: string | null | undefined): string {
  return subchannel ? `${channel}/${subchannel}` : channel;
}

function lawRef(b: ArticleRef): string {
  return `《${b.law}》第${toChineseNumber(b.article)}条`;
}

/** Keys the classification makes defensible: its route and every alternative it names. */
function defensible(c: Classification): (key: string) => boolean {
  const primary = routeKey(c.channel, c.subchannel);
  return (key) =>
    key === primary ||
    c.alternatives.some((a) =>
      a.subchannel ? key === routeKey(a.channel, a.subchannel) : key.split('/')[0] === a.channel,
    );
}

/** The short name of a handling body: up to its first clause. */
function shortBody(body: string): string {
  return body.split(/[；;]/)[0]?.trim() ?? body;
}

export function caseQuestions(deps: {
  routes: Route[];
  library: LawLibrary;
  classifier: Classifier;
  catalogue: ChannelCatalogue;
  cases: CaseFile;
}): Candidate[] {
  const { routes, library, classifier, catalogue } = deps;
  const byId = new Map(routes.map((r) => [r.id, r]));
  const keys = Object.keys(catalogue.routes);
  const optionOf = (key: string) => catalogue.routes[key]?.option ?? key;
  const whenOf = (key: string) => catalogue.routes[key]?.when ?? '';
  const memo = new Map<string, Classification>();
  const classify = (text: string) => {
    let c = memo.get(text);
    if (!c) {
      c = classifier.classify(text);
      memo.set(text, c);
    }
    return c;
  };
  const out: Candidate[] = [];

  for (const story of deps.cases.cases) {
    const route = byId.get(story.route);
    if (!route) {
      out.push(refused(`cls-${story.id}`, `unknown route ${story.route}`));
      continue;
    }
    const answer = routeKey(route.channel, route.subchannel);
    const voice = VOICES[hash(story.id) % VOICES.length] ?? '';
    const told = `${voice}“${story.text}”`;
    const c = classify(story.text);
    const ok = defensible(c);
    const agrees = () =>
      routeKey(c.channel, c.subchannel) === answer
        ? null
        : `classifier routes to ${routeKey(c.channel, c.subchannel)}, route ${route.id} says ${answer}`;
    const concept = catalogue.concepts[route.channel] ?? '依法分类处理';

    // Which route (classification).
    const rand = rng(hash(`cls-${story.id}`));
    const pool = [
      ...(catalogue.routes[answer]?.confusedWith ?? []),
      ...shuffle(
        keys.filter((k) => k !== answer),
        rand,
      ),
    ];
    const distractors = [...new Set(pool)].filter((k) => !ok(k)).slice(0, 3);
    const id = `cls-${story.id}`;
    const { options, key, order } = lettered(id, answer, distractors, optionOf);
    out.push({
      question: {
        id,
        type: 'scenario',
        kind: 'classification',
        concept,
        stem: `${told}\n依法分类处理，这一事项应当怎样办理？`,
        options,
        answer: [key],
        explanation: [
          `正确：${optionOf(answer)}。这是“${route.name}”：${whenOf(answer)}。承办：${c.handlingBody}。依据：${c.legalBasis.map(lawRef).join('、')}。`,
          ...order
            .filter((k) => k !== answer)
            .map(
              (k) =>
                `${options[order.indexOf(k)]?.key}不对：“${optionOf(k)}”适用于${whenOf(k)}，本案不是这种情形。`,
            ),
        ].join('\n'),
        basis: c.legalBasis,
        difficulty: c.alternatives.length > 0 ? 3 : 2,
        chapter: 4,
        proof: {
          by: 'classifier',
          detail: `分类器：${routeKey(c.channel, c.subchannel)}（备选：${c.alternatives.map((a) => routeKey(a.channel, a.subchannel)).join('、') || '无'}），与路由表“${route.id}”的规则一致；干扰项不在其中`,
        },
      },
      verify: () => {
        const problem = agrees();
        if (problem) return problem;
        if (c.admissibility !== 'accept') return `admissibility ${c.admissibility}`;
        if (distractors.length < 3) return 'fewer than three distractors';
        const bad = distractors.find(ok);
        return bad ? `distractor ${bad} is defensible` : null;
      },
    });

    // Where it goes and under which law (诉访分离, field laws).
    const fieldBasis = c.legalBasis.find((b) => b.law !== '信访工作条例');
    if (!['petition_procedure', 'suggestion_handling', 'discipline_inspection'].includes(route.channel)) {
      const sid = `sep-${story.id}`;
      const others = [
        ...new Set([
          ...(catalogue.routes[answer]?.confusedWith ?? []),
          ...shuffle(keys, rng(hash(`sep-${story.id}`))),
        ]),
      ]
        .filter((k) => !ok(k) && k !== 'petition_procedure')
        .map((k) => routes.find((r) => routeKey(r.channel, r.subchannel) === k && !r.generic))
        .filter(
          (r): r is Route =>
            r !== undefined &&
            r.channel !== 'petition_procedure' &&
            shortBody(r.handlingBody) !== shortBody(c.handlingBody),
        )
        .filter(
          (r, i, xs) => xs.findIndex((x) => shortBody(x.handlingBody) === shortBody(r.handlingBody)) === i,
        )
        .slice(0, 2);
      const cite = (channel: string, basis: ArticleRef[]) => {
        const b = basis.find((x) => x.law !== '信访工作条例');
        const item = ITEM[channel];
        if (b) return lawRef(b);
        if (item) return `《信访工作条例》第三十一条第（${toChineseNumber(item)}）项`;
        return channel === 'discipline_inspection'
          ? '《信访工作条例》第三十条'
          : '《信访工作条例》第二十九条';
      };
      const text = (body: string, channel: string, basis: ArticleRef[]) =>
        `向${shortBody(body)}提出（${cite(channel, basis)}）`;
      const petition =
        '留在信访程序：由有权处理的机关调查核实后出具信访处理意见书（《信访工作条例》第三十二条）';
      const sepDistractors = [...others.map((r) => text(r.handlingBody, r.channel, r.basis)), petition];
      const correct = text(c.handlingBody, c.channel, c.legalBasis);
      const sep = lettered(sid, correct, sepDistractors, (x) => x);
      out.push({
        question: {
          id: sid,
          type: 'scenario',
          kind: 'separation',
          concept: '诉访分离与领域法律',
          stem: `${told}\n这一事项应当导向哪里、依据哪部法律？`,
          options: sep.options,
          answer: [sep.key],
          explanation: [
            `正确：${correct}。${route.name}不属于第三十一条第（六）项的信访处理意见书事项，应依法导入法定途径（条例第三十一条第（${toChineseNumber(c.article31Item ?? 6)}）项）；承办：${c.handlingBody}。`,
            `留在信访程序出具处理意见书不对：依法应当通过法定途径解决的事项不按信访程序办理（条例第二十八条、第三十一条）。`,
            ...others.map((r) => `“${text(r.handlingBody, r.channel, r.basis)}”适用于${r.name}，不是本案。`),
          ].join('\n'),
          basis: [{ law: '信访工作条例', article: 31 }, ...(fieldBasis ? [fieldBasis] : [])],
          difficulty: 3,
          chapter: 4,
          proof: {
            by: 'classifier',
            detail: `分类器：承办机关“${shortBody(c.handlingBody)}”，依据 ${c.legalBasis.map(lawRef).join('、')}，与路由表“${route.id}”一致`,
          },
        },
        verify: () => {
          const problem = agrees();
          if (problem) return problem;
          const cited = c.legalBasis.find((x) => x.law !== '信访工作条例');
          if (cited && !route.basis.some((b) => b.law === cited.law && b.article === cited.article))
            return `route ${route.id} does not rest on ${lawRef(cited)}`;
          if (sepDistractors.length < 3) return 'fewer than three distractors';
          if (new Set([correct, ...sepDistractors]).size !== 4) return 'duplicate options';
          return null;
        },
      });

      // The field law's time limit for this matter.
      const limit = c.timeLimits.find((t) => t.law !== '信访工作条例');
      if (limit) {
        const lid = `lim-${story.id}`;
        const article = library.get(limit.law, limit.article);
        const stated = (q: string) =>
          article !== undefined &&
          normalizeNumerals([...article.points, ...Object.values(article.items)].join('')).includes(
            normalizeNumerals(q),
          );
        const wrong = shuffle(
          PERIODS.filter((p) => p !== limit.limit && !stated(p)),
          rng(hash(lid)),
        ).slice(0, 3);
        const lim = lettered(lid, limit.limit, wrong, (x) => x);
        out.push({
          question: {
            id: lid,
            type: 'scenario',
            kind: 'separation',
            concept: '诉访分离与领域法律',
            stem: `${told}\n引导其${limit.what.replace(/时效$/, '')}，应提示的期限是多长（自${limit.from}起算）？`,
            options: lim.options,
            answer: [lim.key],
            explanation: `本案应${optionOf(answer).replace(/（.*$/, '')}。${limit.what}为${limit.limit}，自${limit.from}起算（${lawRef(limit)}）。其他期限不是该法对这一事项的规定。`,
            basis: [{ law: limit.law, article: limit.article }],
            difficulty: 3,
            chapter: 4,
            proof: {
              by: 'classifier',
              detail: `分类器给出时限“${limit.what} ${limit.limit}”（${lawRef(limit)}），该条载明此期限，干扰项不见于该条`,
            },
          },
          verify: () =>
            agrees() ??
            (!stated(limit.limit)
              ? `${limit.limit} not stated in ${lawRef(limit)}`
              : wrong.length < 3
                ? 'fewer than three distractors'
                : null),
        });
      }
    }
  }

  const codes = Object.keys(catalogue.admissibility);
  for (const story of deps.cases.admissibility) {
    const id = `adm-${story.id.replace(/^adm-/, '')}`;
    const entry = catalogue.admissibility[story.expect];
    if (!entry) {
      out.push(refused(id, `unknown admissibility ${story.expect}`));
      continue;
    }
    const c = classify(story.text);
    const distractors = shuffle(
      codes.filter((x) => x !== story.expect),
      rng(hash(id)),
    ).slice(0, 3);
    const opt = (code: string) => catalogue.admissibility[code]?.option ?? code;
    const { options, key, order } = lettered(id, story.expect, distractors, opt);
    const voice = VOICES[hash(story.id) % VOICES.length] ?? '';
    out.push({
      question: {
        id,
        type: 'scenario',
        kind: 'admissibility',
        concept: '受理与不予受理',
        stem: `${voice}“${story.text}”\n收到这一信访事项，应当怎样处理？`,
        options,
        answer: [key],
        explanation: [
          `正确：${entry.option}。适用情形：${entry.when}。`,
          ...order
            .filter((x) => x !== story.expect)
            .map(
              (x) =>
                `${options[order.indexOf(x)]?.key}不对：“${opt(x)}”的适用情形是${catalogue.admissibility[x]?.when ?? ''}。`,
            ),
        ].join('\n'),
        basis: entry.basis,
        difficulty: story.expect === 'accept' ? 2 : 3,
        chapter: 3,
        proof: { by: 'classifier', detail: `分类器判定受理状态为 ${c.admissibility}` },
      },
      verify: () => (c.admissibility === story.expect ? null : `classifier admissibility ${c.admissibility}`),
    });
  }
  return out;
}

function refused(id: string, problem: string): Candidate {
  return {
    question: {
      id,
      type: 'single',
      kind: 'classification',
      concept: '依法分类处理',
      stem: '（未生成）',
      options: [],
      answer: ['-'],
      explanation: '',
      basis: [{ law: '信访工作条例', article: 31 }],
      difficulty: 1,
      chapter: null,
      proof: { by: 'classifier', detail: problem },
    },
    verify: () => problem,
  };
}
