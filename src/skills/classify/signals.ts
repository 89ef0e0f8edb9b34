/**
 * Text signals that decide boundaries the route table alone cannot: admissibility (复核后同一事实理由, 办理中越级
 * 重复, 涉法涉诉已终结, 非本机关职权), whether a suggestion asks nothing for the petitioner, and 复议前置 cues.
 * Each is a small, named regular expression so that a reviewer can read what the classifier reacts to.
 */
import type { Admissibility } from '../../domain/classification.ts';

export interface AdmissibilitySignal {
  admissibility: Exclude<Admissibility, 'accept'>;
  /** Article that grounds it, 信访工作条例. */
  article: number;
  reason: string;
}

const RECHECKED =
  /(复核意见|已经复核|已复核|复核决定|经过复核|复核机关|复核结论|复核维持|三级终结|复查复核都|复核三级|复核(三级)?程序|经过.{0,12}复核|复核.{0,6}(都|也)(说|是)?(不支持|维持))/;
const SAME_AGAIN =
  /(同样|同一|相同|一样|原来)的?(事实|理由|诉求|问题|事)|又(以|就|到|来|去|向|找|反映)|再次|仍然|还是不服|继续反映|重新处理|又一次/;

const IN_PROGRESS =
  /(正在(处理|办理|调查|核查|研究)|已经受理|已受理|还在(处理|办理|调查)|答复期限还没到|期限(还)?没到|期限未满|尚未(答复|办结)|还没(有)?(答复|办结|处理完))/;
const ESCALATE =
  /(又|再|另外|同时|跑).{0,6}(到|向|去|找|上|来).{0,10}(市|省|上级|上一级|国家|中央|北京|信访局|信访办)/;

const JUDICIAL_CONCLUDED =
  /((再审|申诉|抗诉|监督申请|检察监督).{0,12}(驳回|不予支持|不予受理|终结|不支持)|(已经|已)(终审|依法终结|终结)|诉讼程序.{0,4}终结|检察院.{0,12}(不支持监督|不予支持|决定不支持|不予立案监督|不予监督|不支持.{0,4}监督)|最高法院也驳回)/;

const NOT_OUR_POWER = /不属于(本|我们|你们|贵|该)?(单位|机关|部门|局|镇|政府)?的?(职权|管辖|职责|管理)范围/;

/** Admissibility rules in the order they are tried: the first whose condition holds decides. */
const ADMISSIBILITY_RULES: { applies: (text: string) => boolean; signal: AdmissibilitySignal }[] = [
  {
    applies: (t) => RECHECKED.test(t) && SAME_AGAIN.test(t),
    signal: {
      admissibility: 'no_longer_accepted',
      article: 36,
      reason:
        '信访事项已经复核，信访人仍以同一事实和理由提出投诉请求，依照《信访工作条例》第三十六条第三款不再受理',
    },
  },
  {
    applies: (t) => JUDICIAL_CONCLUDED.test(t),
    signal: {
      admissibility: 'judicial_concluded',
      article: 37,
      reason:
        '涉法涉诉事项已依法终结，不再按普通信访程序办理，应做好疏导教育、矛盾化解和帮扶救助（《信访工作条例》第三十七条第三款）',
    },
  },
  {
    applies: (t) => IN_PROGRESS.test(t) && ESCALATE.test(t),
    signal: {
      admissibility: 'duplicate_escalation',
      article: 19,
      reason:
        '信访事项已经受理或正在办理，在规定期限内又向上级机关提出同一事项，上级机关不予受理（《信访工作条例》第十九条第三款）',
    },
  },
  {
    applies: (t) => NOT_OUR_POWER.test(t),
    signal: {
      admissibility: 'redirect',
      article: 23,
      reason:
        '事项不属于本机关职权范围，应告知信访人向有权处理的机关提出（《信访工作条例》第二十三条第一款）',
    },
  },
];

export function admissibilitySignal(text: string): AdmissibilitySignal | null {
  return ADMISSIBILITY_RULES.find((r) => r.applies(text))?.signal ?? null;
}

/** Words that show the petitioner asks something for himself or herself (not a pure suggestion). */
const PERSONAL_CLAIM =
  /(我家|我的|本人|我们家|我是|我去|我们去|俺|给我|还我|赔偿|补偿|退还|要回|讨回|发给我|我父亲|我母亲|我儿子|我女儿|我爱人|我老伴|不服|待遇|我们村|我们小区|我们组)/;

/** A text that opens as a proposal (建议……) is a suggestion even when it mentions those affected. */
export function opensAsSuggestion(text: string): boolean {
  return /^(我)?(建议|提议|呼吁|提个建议|有个建议)/.test(text.trim());
}

export function isPersonalClaim(text: string): boolean {
  return PERSONAL_CLAIM.test(text);
}

/** 当场处罚 → 复议前置 (行政复议法第二十三条第一款第一项). */
export function isOnTheSpotPenalty(text: string): boolean {
  return /当场|现场开(了)?罚单|简易程序/.test(text);
}

export function cjkCount(text: string): number {
  return (text.match(/[\u4e00-\u9fff]/g) ?? []).length;
}

/** Names a party member, official or state functionary (the subject of an accusation, channels.md §1). */
const OFFICIAL =
  /(书记|主任|村长|村干部|干部|局长|科长|镇长|乡长|县长|区长|市长|所长|站长|队长|执法人员|工作人员|民警|辅警|警察|法官|检察官|领导|会计|出纳|支书|官员|公务员|城管(?!局|部门|执法局|委)|交警(?!大队|支队|部门)|村官|党员|公职人员)/;

export function namesOfficial(text: string): boolean {
  return OFFICIAL.test(text);
}

/** The petitioner is the one an authority acted against (not a reporter of someone else's violation). */
const PETITIONER_TARGETED =
  /(说我|认定我|罚我|罚了我|给我下|对我(作出|下达|处)|把我的|让我拆|要拆我|我的.{0,10}(被|不合规|违法|违建|违规)|收走了我|扣了我)/;

export function petitionerIsTarget(text: string): boolean {
  return PETITIONER_TARGETED.test(text);
}

/** The matter is already inside the petition chain (处理意见 → 复查 → 复核). */
const PETITION_CHAIN = /(处理意见|复查|复核|信访事项|信访件|信访答复)/;

export function inPetitionChain(text: string): boolean {
  return PETITION_CHAIN.test(text);
}

/** The petitioner asks an authority to investigate and punish someone (第31条第(5)项), not to pay or decide for them. */
export function asksForInvestigation(text: string): boolean {
  return /(请求|要求|申请|希望)?(有关部门|政府|相关部门)?(依法)?(查处|取缔|制止|处罚|责令)/.test(text);
}
