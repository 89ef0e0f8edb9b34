/**
 * Text signals that decide boundaries the route table alone cannot: admissibility (复核后同一事实理由, 办理中越级
 * 重复, 涉法涉诉已终结, 非本机关职权), whether a suggestion asks nothing for the petitioner, and 复议前置 cues.
 * Each is a small, named regular expression so that a reviewer can read what the classifier reacts to.
 */

/** Words that show the petitioner asks something for himself or herself (not a pure suggestion). */
const PERSONAL_CLAIM =
  /(我家|我的|本人|我们家|我是|我去|我们去|俺|给我|还我|赔偿|补偿|退还|要回|讨回|发给我|我父亲|我母亲|我儿子|我女儿|我爱人|我老伴|不服|待遇|我们村|我们小区|我们组|我们单元|我们楼|补贴|补助|没批下来)/;

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

/** The petitioner is the one an authority acted against (not a reporter of someone else's violation). */
const PETITIONER_TARGETED =
  /(说我|认定我|罚我|罚了我|给我下|对我(作出|下达|处)|把我的|让我拆|要拆我|我的.{0,10}(被|不合规|违法|违建|违规)|收走了我|扣了我)/;

export function petitionerIsTarget(text: string): boolean {
  return PETITIONER_TARGETED.test(text);
}

/**
 * Anonymised names as published and forwarded texts write them (XX县、××局、＊＊村) read as 某: the same length, so
 * evidence spans still point into the original text.
 */
export function withoutPlaceholders(text: string): string {
  return text.replace(/[XＸ×＊]{2,}|(?<=[\u4e00-\u9fff])[XＸ×＊](?=[\u4e00-\u9fff])/g, (m) =>
    '某'.repeat(m.length),
  );
}

/** The petitioner wants the other side to pay for, refund or repay a loss of their own (赔、退、还). */
export function wantsOwnLossMadeGood(text: string): boolean {
  return /(损失|钱|费|款|医药费|押金|定金)[^。，]{0,6}(赔|退|还)(了|给|我)|(让|要|叫|求)[^。]{0,12}(赔偿|赔了|赔钱|赔我|退钱|退款|退费|还钱|还款)|(一分|分文)?不(肯)?(赔|退钱|退款|还钱)|一分不认|拒不(赔偿|退还|归还)/.test(
    text,
  );
}

/** The petitioner asks an authority to investigate and punish someone (第31条第(5)项), not to pay or decide for them. */
export function asksForInvestigation(text: string): boolean {
  return /(请求|要求|申请|希望)?(有关部门|政府|相关部门)?(依法)?(查处|取缔|制止|处罚|责令)/.test(text);
}
