/**
 * Blind dialogues: written together with the training set, before the engine existed, and scored once; not tuned
 * on. Turn accuracy on these is what the targets are measured by.
 */
import type { Dialogue } from './types.ts';

const C = '信访工作条例';

export const BLIND: Dialogue[] = [
  {
    name: 'blind: unpaid construction wages',
    turns: [
      { say: '几个农民工反映包工头拖欠他们去年的工钱，一共六万多，要求帮忙要回来', intent: 'classify' },
      { say: '他们和包工头没有签劳动合同', intent: 'classify_followup' },
      { say: '给我起个告知书稿子', intent: 'draft' },
    ],
  },
  {
    name: 'blind: informant secrecy asked as a question',
    turns: [
      {
        say: '群众来信检举某局副局长违规插手工程招投标，请求查处',
        intent: 'classify',
        route: 'discipline_inspection',
      },
      { say: '检举人的身份我们要怎么保密？', intent: 'ask', cite: `${C}#30` },
      { say: '我们信访局要在几天内转给纪委？', intent: 'ask', cite: `${C}#22` },
    ],
  },
  {
    name: 'blind: noise at night',
    turns: [
      {
        say: '居民投诉楼下KTV每天营业到凌晨两点，噪音太大，要求依法处理',
        intent: 'classify',
        route: 'violation_report',
      },
      { say: '我们是区城管局', intent: 'classify_followup' },
      { say: '出一份书面反馈给投诉人', intent: 'draft', letter: 'complaint_result_notice' },
    ],
  },
  {
    name: 'blind: questions only',
    turns: [
      { say: '复查机关收到复查请求多少天内要提出复查意见？', intent: 'ask', cite: `${C}#35` },
      { say: '走访应该去哪里提出？', intent: 'ask', cite: `${C}#20` },
      { say: '信访人在机关门口拉横幅怎么处理？', intent: 'ask', cite: `${C}#26` },
    ],
  },
  {
    name: 'blind: dismissal two years ago',
    turns: [
      {
        say: '老张被厂里开除了，说厂里还欠他加班费，要求补发',
        intent: 'classify',
        route: 'labor_arbitration',
      },
      { say: '被开除是两年多以前的事了', intent: 'classify_followup', has: ['时效'] },
      { say: '那还受理吗？', intent: 'ask' },
    ],
  },
  {
    name: 'blind: pasted wrong-remedy letter',
    turns: [
      {
        say: `某镇人民政府
信访事项处理意见书
某镇信意〔2026〕2号
孙某某：
你于2026年2月10日来信反映要求镇政府解决你家门前道路积水问题，本机关于2026年2月12日受理。
经实地查看，该路段排水沟淤堵，镇政府已安排清淤。
依据《信访工作条例》第三十二条第一款第（一）项，对你的信访请求予以支持。
如不服本处理意见，可以向人民法院提起行政诉讼。
某镇人民政府
2026年3月20日`,
        intent: 'check',
      },
      { say: '帮我把救济告知那句改对', intent: 'draft', has: ['复查'] },
    ],
  },
  {
    name: 'blind: deadline by date then a question',
    turns: [
      {
        say: '我们2026年6月1日收到市里转来的信访事项，几号前要告知信访人？',
        intent: 'deadline',
        cite: `${C}#23`,
      },
      { say: '不属于我们管的，怎么提异议？', intent: 'ask', cite: `${C}#23` },
    ],
  },
  {
    name: 'blind: demolition without a decision',
    turns: [
      { say: '村民反映街道办没有出任何文件就把他家的彩钢棚拆了，要求赔偿损失', intent: 'classify' },
      { say: '这件事应该走什么途径？', intent: 'classify' },
      { say: '写一份告知书', intent: 'draft' },
    ],
  },
  {
    name: 'blind: timeline of a review',
    turns: [
      {
        say: '帮我看看进度：2026年4月1日收到复查请求，2026年5月15日复查意见出具，有没有超期',
        intent: 'timeline',
      },
      { say: '复查超期了信访人能怎么办？', intent: 'ask' },
    ],
  },
  {
    name: 'blind: escalation during handling',
    turns: [
      {
        say: '区教育局已经受理了赵某反映的学位分配问题，还在办理期限内，赵某又到市信访局重复反映同一问题',
        intent: 'classify',
      },
      { say: '市信访局这边出个书面回复', intent: 'draft', letter: 'non_acceptance_notice' },
    ],
  },
  {
    name: 'blind: a new case after a question',
    turns: [
      { say: '条例第三十四条规定的办理期限是多久？', intent: 'ask', cite: `${C}#34` },
      { say: '有个来访人说邻居占了他家宅基地盖房子，要求政府出面处理', intent: 'classify' },
      { say: '两家都有土地证', intent: 'classify_followup' },
    ],
  },
  {
    name: 'blind: thanks and a quiz',
    turns: [
      { say: '来几道信访条例的练习题', intent: 'quiz' },
      { say: '好的谢谢', intent: 'other' },
    ],
  },
];
