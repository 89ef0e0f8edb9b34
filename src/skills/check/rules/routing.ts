/**
 * 诉访分离 (第28条第2款、第31条第(1)—(5)项): an opinion letter that handles, as an ordinary petition, a matter
 * that belongs to a court, prosecutor, police, arbitration, an administrative procedure, or to the duty of an
 * agency to act on a reported violation. Only what the letter itself shows counts (checks.md).
 */
import { basisOf, finding, isOpinion, type Rule } from '../context.ts';

const SIGNS: { re: RegExp; what: string; route: string }[] = [
  {
    re: /(判决|裁定|调解书|民初|民终|刑初|行初|仲裁裁决).{0,40}(不服|撤销|重新审理|改判|错误|有误)|不服.{0,40}(判决|裁定|裁决)|正在(诉讼|审理)|已(向人民法院|向法院)起诉/,
    what: '对法院裁判不服或正在诉讼的事项',
    route: '应告知其依照法定程序向人民法院申请再审或向人民检察院申请监督（条例第三十一条第（一）项）',
  },
  {
    re: /(用人单位|公司|企业|厂|老板).{0,30}(拖欠|克扣|不发|未发).{0,6}(工资|劳动报酬)|(辞退|解除劳动合同|经济补偿金|加班费|二倍工资)/,
    what: '与用人单位之间的劳动争议',
    route: '应告知其向劳动人事争议仲裁委员会申请仲裁（条例第三十一条第（二）项）',
  },
  {
    re: /(合同纠纷|侵权|违约|借款|欠款|货款|民间借贷).{0,40}(赔偿|支付|返还|偿还|归还)|(赔偿|偿还|返还).{0,20}(借款|欠款|货款)/,
    what: '平等主体之间的合同、侵权等民事纠纷',
    route: '应告知其通过人民调解或向人民法院起诉解决（条例第三十一条第（一）项）',
  },
  {
    re: /(不服|撤销|认为.{0,20}(错误|违法)|要求.{0,6}撤销).{0,30}(处罚决定|行政处罚|罚款决定|不予登记|工伤认定|认定工伤决定|补偿决定|复议决定|征收决定|吊销|拘留决定|不予许可)|(处罚决定|行政处罚|不予登记决定|工伤认定结论|补偿决定|复议决定|征收决定).{0,30}(不服|撤销|错误|违法)/,
    what: '对已作出的正式行政决定不服',
    route: '应告知其申请行政复议或提起行政诉讼（条例第三十一条第（四）项）',
  },
  {
    re: /(举报|反映|投诉).{0,40}(违法|违章|违建|违规|排污|噪声|油烟|无证|污染|私搭乱建).{0,30}(查处|处理|拆除|取缔|制止|处罚)|要求.{0,12}(依法)?查处/,
    what: '举报他人违法行为并要求查处',
    route: '应依法履行职责或者答复，以投诉（举报）处理情况告知书书面反馈（条例第三十一条第（五）项）',
  },
];

const routing: Rule = (ctx) => {
  const { letter } = ctx;
  if (!isOpinion(letter.letterType)) return [];
  for (const s of SIGNS) {
    const m = s.re.exec(letter.body);
    if (m) {
      const start = letter.bodyStart + m.index;
      return [
        finding(
          'LITIGATION_MATTER_IN_PETITION',
          `本事项属于${s.what}，不应按普通信访程序出具处理意见并告知复查、复核。`,
          [start, start + m[0].length],
          basisOf(ctx, 'LITIGATION_MATTER_IN_PETITION'),
          `改为出具告知书：${s.route}。`,
        ),
      ];
    }
  }
  return [];
};

export const routingRules: Rule[] = [routing];
