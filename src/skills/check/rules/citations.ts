/** Legal basis and citations: present, existing, matching what the letter says, and not the superseded 2005 text. */
import { art, type CheckContext, finding, isOpinion, REG, type Rule } from '../context.ts';
import { statedDecisions } from './elements.ts';

/** Any 《…》第N条 counts as a stated basis, also of local rules we cannot verify. */
const ANY_CITATION =
  /《[^》]{2,60}》(?:（[^）]{0,30}）)?第[零一二三四五六七八九十百千\d]+条|条例第[零一二三四五六七八九十百\d]+条/;
/** A bare 第N条 right after these belongs to another document, not to the regulation. */
const OTHER_DOCUMENT = /(办法|规定|细则|方案|通知|意见|标准|章程|该|其|本办法|本规定|文件|决定)\s*$/;
const ITEM_DECISION: Record<number, string> = { 1: 'supported', 2: 'explained', 3: 'not_supported' };

const missingBasis: Rule = ({ letter }) => {
  if (!isOpinion(letter.letterType) && letter.letterType !== 'redirect_notice') return [];
  if (letter.citations.length > 0 || ANY_CITATION.test(letter.text)) return [];
  const vague = /(根据|依据|按照)(有关|相关)(规定|政策|法律法规)/.exec(letter.text);
  return [
    finding(
      'MISSING_LEGAL_BASIS',
      vague ? `只写“${vague[0]}”，未引用具体法律法规条款。` : '未引用任何法律法规条款作为处理依据。',
      vague ? [vague.index, vague.index + vague[0].length] : null,
      [art(32)],
      '写明依据的法规名称和条款，如“依据《信访工作条例》第三十二条第一款第（三）项的规定”。',
    ),
  ];
};

const invalid: Rule = ({ letter, library }) => {
  const out = [];
  const decisions = statedDecisions(letter.body);
  for (const ref of letter.citations) {
    if (ref.law === '信访条例') continue; // the superseded text: OUTDATED_CITATION
    if (!ref.lawNamed && OTHER_DOCUMENT.test(letter.text.slice(Math.max(0, ref.span[0] - 8), ref.span[0])))
      continue;
    const exists = library.articleExists(ref.law, ref.article);
    if (exists === false) {
      out.push(
        finding(
          'INVALID_CITATION',
          `引用的《${ref.law}》第${ref.article}条不存在（该法共${library.articleCount(ref.law)}条）。`,
          ref.span,
          [],
          '核对条文号后改正，不存在的条文不得作为依据。',
        ),
      );
      continue;
    }
    const a = library.get(ref.law, ref.article);
    if (ref.item && a) {
      const officialItems = a.official?.paragraphs[(ref.paragraph ?? 1) - 1]?.items.length;
      const count = officialItems ?? (Object.keys(a.items).length || undefined);
      if (count !== undefined && ref.item > count) {
        out.push(
          finding(
            'INVALID_CITATION',
            `《${ref.law}》${a.label}${ref.paragraph ? `第${ref.paragraph}款` : ''}没有第（${ref.item}）项。`,
            ref.span,
            [],
            '核对款、项序号后改正。',
          ),
        );
        continue;
      }
    }
    // 第三十二条第一款第（N）项 must match the conclusion the letter states.
    if (ref.law === REG && ref.article === 32 && ref.item && decisions.size === 1) {
      const expected = ITEM_DECISION[ref.item];
      if (expected && !decisions.has(expected as 'supported')) {
        const names: Record<string, string> = {
          supported: '予以支持',
          explained: '解释说明',
          not_supported: '不予支持',
        };
        const stated = [...decisions][0] ?? '';
        const right = Object.entries(ITEM_DECISION).find(([, d]) => d === stated)?.[0];
        out.push(
          finding(
            'INVALID_CITATION',
            `引用第三十二条第一款第（${ref.item}）项（${names[expected]}），与文书结论“${names[stated]}”不符。`,
            ref.span,
            [art(32)],
            right ? `改为《信访工作条例》第三十二条第一款第（${right}）项。` : undefined,
          ),
        );
      }
    }
  }
  return out;
};

const outdated: Rule = ({ letter }) => {
  const m = /《信访条例》/.exec(letter.text);
  if (!m) return [];
  return [
    finding(
      'OUTDATED_CITATION',
      '以《信访条例》（2005年）作为处理依据；现行依据是2022年5月1日起施行的《信访工作条例》。',
      [m.index, m.index + m[0].length],
      [art(50)],
      '改为引用《信访工作条例》的相应条款。',
    ),
  ];
};

export const citationRules: Rule[] = [missingBasis, invalid, outdated];
export type { CheckContext };
