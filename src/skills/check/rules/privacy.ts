/** Personal data in letters: full ID numbers and mobile numbers; informants' identity in letters to the accused. */
import { ID_NUMBER, MOBILE } from '../../../domain/pii.ts';
import { basisOf, finding, type Rule } from '../context.ts';

function mask(s: string): string {
  return s.length > 8 ? `${s.slice(0, 3)}${'*'.repeat(s.length - 7)}${s.slice(-4)}` : '****';
}

const PII: [RegExp, string][] = [
  [ID_NUMBER, '文书中出现完整的18位身份证号。'],
  [MOBILE, '文书中出现完整的手机号码。'],
];

const pii: Rule = ({ letter }) =>
  PII.flatMap(([pattern, message]) =>
    [...letter.text.matchAll(pattern)].map((m) => {
      const start = m.index ?? 0;
      return finding(
        'PII_EXPOSURE',
        message,
        [start, start + m[0].length],
        [],
        `删除或部分隐去，如“${mask(m[0])}”。`,
      );
    }),
  );

const ADDRESSED_TO_ACCUSED =
  /(有群众|有人|信访人|群众)(举报|反映|检举|控告)(你|你单位|贵单位)|(来信|来电|举报信|联名信)[^。]{0,10}(反映|举报|检举|控告)(你|你单位|贵单位)|(你|你单位|贵单位).{0,6}被(举报|反映|检举|控告)/;
/** A letter forwarding a complaint to the accused's own unit (“现将来信复印件转给你们，请核查”). */
const FORWARDED_TO_ACCUSED_UNIT =
  /(来信|来件|举报信|举报材料|反映材料)(复印件|原件)?.{0,6}(转给|转交|转至|转去|转)(你们|你单位|你村|贵单位|你委)/;
const INFORMANT =
  /[【[]?(举报人|检举人|控告人|反映人|来信人|信访人)(?:为|是|：|:|】|\])?\s*([\u4e00-\u9fff]{1,3}某某|[\u4e00-\u9fff]{2,4}(?=[（(，,。]))|(村民|群众|职工|居民)([\u4e00-\u9fff]{1,3}某某)[（(]?(住|家住|电话)?/;

const whistleblower: Rule = (ctx) => {
  const { letter } = ctx;
  if (!ADDRESSED_TO_ACCUSED.test(letter.text) && !FORWARDED_TO_ACCUSED_UNIT.test(letter.text)) return [];
  const m = INFORMANT.exec(letter.text);
  if (!m) return [];
  const start = m.index ?? 0;
  return [
    finding(
      'WHISTLEBLOWER_EXPOSURE',
      '发给被检举、揭发对象的文书中出现了检举人的身份信息。',
      [start, start + m[0].length],
      basisOf(ctx, 'WHISTLEBLOWER_EXPOSURE'),
      '删除检举人姓名、联系方式等一切可识别身份的信息。',
    ),
  ];
};

export const privacyRules: Rule[] = [pii, whistleblower];
