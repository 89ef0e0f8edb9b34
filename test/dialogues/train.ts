/** Training dialogues (the engine was tuned on these). Voices vary: bureau staff, agency staff, Slack shorthand. */
import type { Dialogue } from './types.ts';

const C = '信访工作条例';

const LETTER_WRONG_REMEDY = `某县人力资源和社会保障局
信访事项处理意见书
县人社信意〔2026〕7号
王某某：
你于2026年3月2日来信反映要求为你补缴2015年至2017年养老保险费的信访事项，本局于2026年3月4日受理。
经调取你的参保档案并询问原单位，查明你原单位已于2018年注销，相关缴费记录不完整。
本局认为，你的请求缺乏事实根据，依据《信访工作条例》第三十二条第一款第（三）项的规定，对你的信访请求不予支持。
如不服本处理意见，可以自收到本意见书之日起60日内向某县人民政府申请行政复议。
某县人力资源和社会保障局
2026年4月20日`;

const LETTER_COMPLAINT_AS_OPINION = `某区生态环境局
信访事项处理意见书
区环信意〔2026〕12号
赵某某：
你于2026年5月6日来信反映某餐饮店油烟扰民，要求依法查处。本局于2026年5月8日受理。
经现场检查，该店已安装油烟净化设施但未正常使用，本局已责令其限期改正。
依据《信访工作条例》第三十二条第一款第（一）项，对你的信访请求予以支持。
如不服本处理意见，可以自收到本意见书之日起30日内向某区人民政府请求复查。
某区生态环境局
2026年6月10日`;

export const TRAIN: Dialogue[] = [
  {
    name: 'issue session: village head and collective land',
    turns: [
      {
        say: '收到一封信，村民反映村主任把村集体土地租给老板建厂，租金去向不明，要求查处。这个该怎么分类？',
        intent: 'classify',
        route: 'discipline_inspection',
        has: ['村主任'],
      },
      {
        say: '举报人要求对自己的身份保密',
        intent: 'ask',
        cite: `${C}#30`,
        has: ['第三十条第三款', '第四十六条'],
        not: ['途径不变'],
        route: 'discipline_inspection',
      },
      {
        say: '这种信件我们信访局收到后多少天内要转出去？',
        intent: 'ask',
        cite: `${C}#22`,
        has: ['15日'],
        route: 'discipline_inspection',
      },
      { say: '帮我起草一份处理意见书', intent: 'draft', letter: 'acceptance_notice', has: ['不宜'] },
    ],
  },
  {
    name: 'wage arrears, lapsed arbitration limit',
    turns: [
      { say: '公司拖欠我三个月工资不发', intent: 'classify', route: 'labor_arbitration' },
      {
        say: '劳动关系已经终止两年了',
        intent: 'classify_followup',
        route: 'labor_arbitration',
        has: ['时效', '1年', '很可能已'],
      },
      { say: '那还能去仲裁吗？', intent: 'ask', cite: '劳动争议调解仲裁法#27' },
      { say: '给他出个告知书', intent: 'draft', letter: 'redirect_notice', not: ['· 法定途径'] },
    ],
  },
  {
    name: 'loan: judgment changes the route',
    turns: [
      {
        say: '我借给同村李某8万元，有借条，到期后他一直不还，这件事该走什么途径',
        intent: 'classify',
        route: 'civil_litigation',
      },
      {
        say: '已经起诉了，法院判决生效了，他还是不给钱',
        intent: 'classify_followup',
        route: 'enforcement',
        has: ['结论调整'],
      },
      { say: '谢谢', intent: 'other', route: 'enforcement' },
    ],
  },
  {
    name: 'barbecue smoke: the right letter for a duty matter',
    turns: [
      { say: '隔壁烧烤店油烟扰民，请求查处', intent: 'classify', route: 'violation_report' },
      {
        say: '帮我起草一份处理意见书',
        intent: 'draft',
        letter: 'complaint_result_notice',
        has: ['投诉（举报）处理情况告知书'],
      },
      { say: '办理机关：某区生态环境局', intent: 'draft_answer', letter: 'complaint_result_notice' },
    ],
  },
  {
    name: 'plain questions',
    turns: [
      { say: '信访人对处理意见不服，多久内可以请求复查？', intent: 'ask', cite: `${C}#35` },
      { say: '复核意见出来以后，同一件事还能再信访吗？', intent: 'ask', cite: `${C}#36` },
      { say: '多人走访代表最多几人？', intent: 'ask', cite: `${C}#20` },
    ],
  },
  {
    name: 'deadlines from dates',
    turns: [
      {
        say: '2026年3月5日受理的，什么时候到期？',
        intent: 'deadline',
        cite: `${C}#34`,
        has: ['2026年5月6日'],
      },
      { say: '情况复杂要延期的话最多能延多久？', intent: 'ask', cite: `${C}#34` },
      {
        say: '信访人2026年5月10日收到处理意见书，复查请求最晚哪天提？',
        intent: 'deadline',
        cite: `${C}#35`,
      },
    ],
  },
  {
    name: 'timeline then accountability',
    turns: [
      {
        say: '时限图：2026年3月2日收到，2026年3月5日受理，2026年5月20日出具处理意见',
        intent: 'timeline',
        has: ['超过期限'],
      },
      { say: '超期未办结的要承担什么责任？', intent: 'ask', cite: `${C}#45` },
    ],
  },
  {
    name: 'pasted letter with a wrong remedy, then fix that paragraph',
    turns: [
      { say: LETTER_WRONG_REMEDY, intent: 'check', has: ['复查'] },
      { say: '改一下救济途径那段', intent: 'draft', has: ['30日', '请求复查'] },
      { say: '复查期限是多少？', intent: 'ask', cite: `${C}#35` },
    ],
  },
  {
    name: 'land contract, three years gone',
    turns: [
      {
        say: '村里把我家承包的三亩地调给别人种了，我手里有土地承包合同',
        intent: 'classify',
        route: 'land_contract_arbitration',
      },
      { say: '这事已经过去三年了', intent: 'classify_followup', has: ['时效', '2年'] },
      { say: '起草告知书', intent: 'draft', letter: 'redirect_notice' },
    ],
  },
  {
    name: 'information disclosure',
    turns: [
      {
        say: '信访人向县自然资源局申请公开本村征地批复文件，过了一个多月还没答复，要求督促',
        intent: 'classify',
      },
      { say: '政府信息公开申请的答复期限是多少个工作日？', intent: 'ask', cite: '政府信息公开条例#33' },
    ],
  },
  {
    name: 'accusation, secrecy of the informant in other words',
    turns: [
      {
        say: '有人实名举报镇财政所所长收受工程老板红包，请求查处',
        intent: 'classify',
        route: 'discipline_inspection',
      },
      { say: '检举人特别交代不要把他的名字透露给镇里', intent: 'ask', cite: `${C}#30` },
      { say: '如果有工作人员把举报材料泄露给被举报人，怎么处理？', intent: 'ask', cite: `${C}#46` },
    ],
  },
  {
    name: 'same matter after recheck',
    turns: [
      {
        say: '张某就拆迁补偿问题已经过复查复核，复核意见维持，现在又以同样的事实和理由来信',
        intent: 'classify',
      },
      { say: '帮我写个回复', intent: 'draft', letter: 'non_acceptance_notice' },
      { say: '信访人：张某', intent: 'draft_answer', letter: 'non_acceptance_notice' },
    ],
  },
  {
    name: 'a second case replaces the first',
    turns: [
      { say: '公司拖欠我三个月工资不发，该找谁', intent: 'classify', route: 'labor_arbitration' },
      {
        say: '另外一件：小区物业乱收停车费，业主要求有关部门依法查处',
        intent: 'classify',
        route: 'violation_report',
      },
      { say: '/reset', intent: 'other' },
    ],
  },
  {
    name: 'suggestion',
    turns: [
      {
        say: '有群众来信建议在村口路段加装路灯和减速带，方便老人孩子出行',
        intent: 'classify',
        route: 'suggestion_handling',
      },
      { say: '建议类的信件应当怎么办理？', intent: 'ask', cite: `${C}#29` },
      { say: '好的，明白了', intent: 'other', route: 'suggestion_handling' },
    ],
  },
  {
    name: 'on-the-spot fine',
    turns: [
      {
        say: '交警当场罚了我200元，我觉得处罚不合理，要求撤销',
        intent: 'classify',
        route: 'administrative_reconsideration',
      },
      { say: '起草一份告知书', intent: 'draft', letter: 'redirect_notice' },
    ],
  },
  {
    name: 'quiz and an article',
    turns: [
      { say: '出几道题考考我', intent: 'quiz' },
      { say: '第三十一条是什么', intent: 'ask', cite: `${C}#31` },
    ],
  },
  {
    name: 'dates told in passing are used in the draft',
    turns: [
      {
        say: '来访人刘某某2026年4月1日来访，反映小区旁工地夜间施工噪音扰民，要求有关部门查处',
        intent: 'classify',
        route: 'violation_report',
      },
      { say: '4月3日受理的', intent: 'classify_followup', route: 'violation_report' },
      {
        say: '帮我起草回复',
        intent: 'draft',
        letter: 'complaint_result_notice',
        not: ['· 信访人姓名', '· 收到日期', '· 受理日期'],
      },
    ],
  },
  {
    name: 'pig farm sewage in plain words',
    turns: [
      {
        say: '老乡说邻村养猪场的粪水流进他家鱼塘，鱼死了一大片，想让环保部门管一管',
        intent: 'classify',
        route: 'violation_report',
      },
      { say: '帮忙拟个告知书', intent: 'draft', letter: 'complaint_result_notice' },
    ],
  },
  {
    name: 'a side question keeps the case',
    turns: [
      {
        say: '公司拖欠我三个月工资不发',
        intent: 'classify',
        route: 'labor_arbitration',
      },
      {
        say: '顺便问一下，条例哪一条讲诉访分离？',
        intent: 'ask',
        cite: `${C}#28`,
        route: 'labor_arbitration',
      },
      { say: '这件事该走什么途径来着？', intent: 'classify', route: 'labor_arbitration' },
    ],
  },
  {
    name: 'a case deadline from the case dates',
    turns: [
      {
        say: '信访人李某某2026年3月2日来信，反映村里分配征地补偿款时漏了他家，要求补发，我们3月5日受理',
        intent: 'classify',
      },
      { say: '这个案子什么时候到期？', intent: 'deadline', cite: `${C}#34`, has: ['2026年5月6日'] },
    ],
  },
  {
    name: 'complaint answered with an opinion letter',
    turns: [
      { say: LETTER_COMPLAINT_AS_OPINION, intent: 'check' },
      { say: '这类事项正确的做法是什么？', intent: 'ask' },
    ],
  },
  {
    name: 'help and a classification without a question mark',
    turns: [
      { say: '/help', intent: 'other', has: ['/reset'] },
      {
        say: '单位一直没给我缴社保，我想让社保局查处单位',
        intent: 'classify',
      },
      { say: '起草投诉处理情况告知书', intent: 'draft', letter: 'complaint_result_notice' },
    ],
  },
  {
    name: 'drafting a handling opinion from a case',
    turns: [
      {
        say: '村民反映本组自来水管网一直没通，多年吃井水，要求把自来水管网延伸到组里',
        intent: 'classify',
        route: 'petition_procedure',
      },
      { say: '帮我起草处理意见书', intent: 'draft', letter: 'handling_opinion' },
      {
        say: '办理机关：某县水利局\n上一级机关：某县人民政府\n文号：县水信意〔2026〕3号\n信访人：李某某',
        intent: 'draft_answer',
        letter: 'handling_opinion',
      },
    ],
  },
  {
    name: 'a question with the case words',
    turns: [
      {
        say: '村民反映隔壁养殖场污水直排进水渠，庄稼没法浇，要求处理',
        intent: 'classify',
        route: 'violation_report',
      },
      { say: '这个案子应该转给哪个部门？', intent: 'ask', has: ['生态环境'] },
      { say: '承办部门多少天内要告知信访人是否受理？', intent: 'ask', cite: `${C}#23` },
    ],
  },
  {
    name: 'party member appeal',
    turns: [
      {
        say: '老党员王某对镇党委给他的党内警告处分不服，来信要求撤销处分',
        intent: 'classify',
        route: 'party_member_appeal',
      },
      { say: '起草一份告知书', intent: 'draft', letter: 'redirect_notice' },
    ],
  },
  {
    name: 'deadline from a command and a question',
    turns: [
      { say: '/deadline accepted 2026-08-02', intent: 'deadline', has: ['2026年10月8日'] },
      { say: '收到复查请求后复查机关多少天内要答复？', intent: 'ask', cite: `${C}#35` },
    ],
  },
  {
    name: 'search command keeps the case',
    turns: [
      { say: '隔壁烧烤店油烟扰民，请求查处', intent: 'classify', route: 'violation_report' },
      { say: '/search 条例第三十一条', intent: 'ask', cite: `${C}#31`, route: 'violation_report' },
    ],
  },
  {
    name: 'judgment already effective',
    turns: [
      {
        say: '刘某的离婚财产纠纷法院已经判决生效，他认为判决不公，天天来信访局要求改判',
        intent: 'classify',
      },
      { say: '这种我们能受理吗？', intent: 'ask' },
    ],
  },
  {
    name: 'arbitration question after a wage case with a date',
    turns: [
      {
        say: '信访人称2024年1月被公司辞退，公司至今欠他两个月工资',
        intent: 'classify',
        route: 'labor_arbitration',
      },
      { say: '劳动仲裁的时效是多久？', intent: 'ask', cite: '劳动争议调解仲裁法#27' },
    ],
  },
  {
    name: 'greeting first',
    turns: [
      { say: '你好', intent: 'other' },
      { say: '多人走访推选代表有人数限制吗', intent: 'ask', cite: `${C}#20` },
    ],
  },
];
