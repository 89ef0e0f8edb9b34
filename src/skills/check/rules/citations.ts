/**
 * Legal basis and citations: present; existing down to 款 and 项; procedural articles cited for what they govern;
 * matching the conclusion; and not the superseded 2005 text as the basis of a letter issued after 2022-05-01.
 */
import { toChineseNumber } from '../../../knowledge/numerals.ts';
import { basisOf, finding, isOpinion, type Rule } from '../context.ts';
import { statedDecisions } from './elements.ts';

/** Any 《…》第N条 counts as a stated basis, also of local rules and policy documents cited by name and number. */
const ANY_CITATION =
  /《[^》]{2,60}》(?:（[^）]{0,30}）)?第[零一二三四五六七八九十百千\d]+条|条例第[零一二三四五六七八九十百\d]+条/;
/** A bare 第N条 right after these belongs to another document, not to the regulation. */
const OTHER_DOCUMENT = /(办法|规定|细则|方案|通知|意见|标准|章程|该|其|本办法|本规定|文件|决定|解释》)\s*$/;
const ITEM_DECISION: Record<number, string> = { 1: 'supported', 2: 'explained', 3: 'not_supported' };
const DECISION_NAMES: Record<string, string> = {
  supported: '予以支持',
  explained: '解释说明',
  not_supported: '不予支持',
};

const missingBasis: Rule = (ctx) => {
  const { letter } = ctx;
  if (!isOpinion(letter.letterType) && letter.letterType !== 'redirect_notice') return [];
  if (letter.citations.length > 0 || ANY_CITATION.test(letter.text)) return [];
  const vague = /(根据|依据|按照)(有关|相关)(规定|政策|法律法规)/.exec(letter.text);
  return [
    finding(
      'MISSING_LEGAL_BASIS',
      vague ? `只写“${vague[0]}”，未引用具体法律法规条款。` : '未引用任何法律法规条款作为处理依据。',
      vague ? [vague.index, vague.index + vague[0].length] : null,
      basisOf(ctx, 'MISSING_LEGAL_BASIS'),
      '写明依据的法规名称和条款，如“依据《信访工作条例》第三十二条第一款第（三）项的规定”。',
    ),
  ];
};

/** The bounds of the sentence around a span. */
function sentenceAround(own: string, span: [number, number]): [number, number] {
  const start = Math.max(own.lastIndexOf('。', span[0]), own.lastIndexOf('\n', span[0])) + 1;
  const ends = [own.indexOf('。', span[1]), own.indexOf('\n', span[1])].filter((i) => i >= 0);
  return [start, ends.length > 0 ? Math.min(...ends) : own.length];
}

const invalid: Rule = (ctx) => {
  const { letter, library, facts } = ctx;
  const out = [];
  const decisions = statedDecisions(letter.own.slice(letter.bodyStart));
  let wrongProcedure = false;
  const regulations = new Map(facts.regulations.map((r) => [r.law, r]));
  for (const ref of letter.citations) {
    if (!ref.lawNamed && OTHER_DOCUMENT.test(letter.text.slice(Math.max(0, ref.span[0] - 8), ref.span[0])))
      continue;
    const reg = regulations.get(ref.law);
    const count = reg?.articles ?? library.articleCount(ref.law);
    const exists = reg ? ref.article <= reg.articles : library.articleExists(ref.law, ref.article);
    if (exists === false) {
      out.push(
        finding(
          'INVALID_CITATION',
          `引用的《${ref.law}》第${ref.article}条不存在（该法共${count}条）。`,
          ref.span,
          [],
          '核对条文号后改正，不存在的条文不得作为依据。',
        ),
      );
      continue;
    }
    const label = `《${ref.law}》第${toChineseNumber(ref.article)}条`;
    const a = library.get(ref.law, ref.article);
    // 款 must exist.
    if (ref.paragraph) {
      const official = a?.official?.paragraphs.length;
      const paragraphs = official ?? (reg ? (reg.paragraphs[String(ref.article)] ?? 1) : undefined);
      if (paragraphs !== undefined && ref.paragraph > paragraphs) {
        out.push(
          finding(
            'INVALID_CITATION',
            `${label}只有${paragraphs}款，没有第${toChineseNumber(ref.paragraph)}款。`,
            ref.span,
            [],
            '核对款、项序号后改正。',
          ),
        );
        continue;
      }
    }
    // 项 must exist.
    if (ref.item && a) {
      const officialItems = a.official?.paragraphs[(ref.paragraph ?? 1) - 1]?.items.length;
      // Without the official text, the key points list the items of the article's first 款 only.
      const keyPointItems = (ref.paragraph ?? 1) === 1 ? Object.keys(a.items).length || undefined : undefined;
      const items = a.official ? officialItems : keyPointItems;
      if (items !== undefined && ref.item > items) {
        out.push(
          finding(
            'INVALID_CITATION',
            `${label}${ref.paragraph ? `第${toChineseNumber(ref.paragraph)}款` : ''}没有第（${toChineseNumber(ref.item)}）项。`,
            ref.span,
            [],
            '核对款、项序号后改正。',
          ),
        );
        continue;
      }
    }
    // A procedural article of the regulation cited for what another procedural article governs.
    if (reg) {
      const own = reg.procedural.find((p) => p.article === ref.article);
      const [from, to] = sentenceAround(letter.own, ref.span);
      const sentence = letter.own.slice(from, to);
      const cited = letter.citations.filter((c) => c.law === ref.law && c.span[0] >= from && c.span[1] <= to);
      if (own && cited.length <= 1 && !own.cues.some((c) => sentence.includes(c))) {
        const meant = reg.procedural.find(
          (p) =>
            p.article !== ref.article && p.cues.some((c) => sentence.includes(c)) && p.governs !== '处理意见',
        );
        if (meant)
          out.push(
            finding(
              'INVALID_CITATION',
              `${label}规定的是${own.governs}，而此处所述是${meant.governs}（第${toChineseNumber(meant.article)}条）。`,
              ref.span,
              [{ law: ref.law, article: meant.article }],
              `改为引用《${ref.law}》第${toChineseNumber(meant.article)}条。`,
            ),
          );
      }
    }
    // A 复查意见 decided under the 复核 article (or the reverse): the opinion's own procedure is cited wrongly.
    if (reg && !quotedRef(letter.own, ref)) {
      const cites = reg.procedural.find((p) => p.article === ref.article && p.decides);
      const ownArticle = reg.procedural.find((p) => p.decides === letter.letterType);
      const citesOwn = letter.citations.some(
        (c) => c.law === ref.law && c.article === ownArticle?.article && !quotedRef(letter.own, c),
      );
      if (cites && ownArticle && cites.decides !== letter.letterType && !citesOwn && !wrongProcedure) {
        wrongProcedure = true;
        out.push(
          finding(
            'INVALID_CITATION',
            `${label}规定的是${cites.governs}，本文书是${ownArticle.governs}意见，应依据第${toChineseNumber(ownArticle.article)}条。`,
            ref.span,
            [{ law: ref.law, article: ownArticle.article }],
            `改为引用《${ref.law}》第${toChineseNumber(ownArticle.article)}条。`,
          ),
        );
      }
    }
    // 第三十二条第一款第（N）项 must match the conclusion the letter states.
    // Quoted or attributed words (原处理意见认为：“……”) are not the letter's own citation of its conclusion.
    const quoted = quotedRef(letter.own, ref);
    if (reg && ref.article === 32 && ref.item && decisions.size === 1 && !quoted) {
      const expected = ITEM_DECISION[ref.item];
      const stated = [...decisions][0] ?? '';
      if (expected && expected !== stated) {
        const right = Object.entries(ITEM_DECISION).find(([, d]) => d === stated)?.[0];
        out.push(
          finding(
            'INVALID_CITATION',
            `引用第三十二条第一款第（${toChineseNumber(ref.item)}）项（${DECISION_NAMES[expected]}），与文书结论“${DECISION_NAMES[stated]}”不符。`,
            ref.span,
            basisOf(ctx, 'UNCLEAR_CONCLUSION'),
            right
              ? `改为《${ref.law}》第三十二条第一款第（${toChineseNumber(Number(right))}）项。`
              : undefined,
          ),
        );
      }
    }
  }
  return out;
};

/** 《信访条例》 used as the basis of a letter issued under the 《信访工作条例》; quoting or recounting history is not. */
const outdated: Rule = (ctx) => {
  const { letter, regulation, facts } = ctx;
  const current = facts.regulations.find((r) => r.effectiveFrom > regulation.effectiveFrom);
  if (current) return []; // the letter was issued while the older regulation was in force
  const older = facts.regulations.filter((r) => r.law !== regulation.law).map((r) => r.law);
  for (const law of older) {
    for (const m of letter.own.matchAll(new RegExp(`《${law}》`, 'g'))) {
      const before = letter.own.slice(Math.max(0, m.index - 20), m.index);
      const after = letter.own.slice(m.index + m[0].length, m.index + m[0].length + 20);
      const asBasis =
        /(依据|根据|依照|按照|适用)[^。]{0,12}$/.test(before) ||
        /^第[零一二三四五六七八九十百\d]+条/.test(after);
      if (!asBasis || /(颁布|制定|施行|取代|废止|确立|历程|修订)/.test(after + before)) continue;
      return [
        finding(
          'OUTDATED_CITATION',
          `以《${law}》（2005年）作为处理依据；现行依据是2022年5月1日起施行的《${regulation.law}》，它已取代《${law}》。`,
          [m.index, m.index + m[0].length],
          basisOf(ctx, 'OUTDATED_CITATION'),
          `改为引用《${regulation.law}》的相应条款。`,
        ),
      ];
    }
  }
  return [];
};

export const citationRules: Rule[] = [missingBasis, invalid, outdated];

/** A citation inside quoted or attributed words (blanked in the letter's own words). */
function quotedRef(own: string, ref: { span: [number, number] }): boolean {
  return own.slice(ref.span[0], ref.span[1]).trim() === '';
}
