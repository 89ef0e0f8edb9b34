import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Classification } from '../src/domain/classification.ts';
import { loadKnowledge } from '../src/knowledge/load.ts';
import { LawLibrary } from '../src/retrieval/library.ts';
import { Classifier } from '../src/skills/classify/classifier.ts';
import { formatClassification } from '../src/skills/classify/format.ts';
import { EVAL, hasEvalSets } from './helpers.ts';

const knowledge = loadKnowledge();
const library = LawLibrary.build(knowledge, []);
const classifier = new Classifier(knowledge.routes, knowledge.deadlines.limits, library, knowledge.decision);
const c = (t: string) => classifier.classify(t);

describe('routing knowledge', () => {
  it('has at least 50 matter types, each citing only articles the library holds', () => {
    expect(knowledge.routes.length).toBeGreaterThanOrEqual(50);
    for (const r of knowledge.routes)
      for (const b of r.basis)
        expect(library.has(b.law, b.article), `${r.id} ${b.law}${b.article}`).toBe(true);
    expect(new Set(knowledge.routes.map((r) => r.id)).size).toBe(knowledge.routes.length);
  });

  it('refuses a route that cites an article that does not exist', () => {
    const bad = [
      { ...knowledge.routes[0], basis: [{ law: '信访工作条例', article: 56 }] },
    ] as typeof knowledge.routes;
    expect(() => new Classifier(bad, knowledge.deadlines.limits, library, knowledge.decision)).toThrow(
      /第56条/,
    );
  });
});

describe('classifier boundaries (channels.md)', () => {
  it('reporting an official is an accusation; reporting a company is a claim to be handled by the regulator', () => {
    expect(c('反映镇财政所所长李某挪用扶贫资金，请求查处。').channel).toBe('discipline_inspection');
    const r = c('楼下饭店油烟直排，噪声扰民，请求环保部门查处。');
    expect([r.category, r.channel, r.subchannel, r.article31Item]).toEqual([
      'claim',
      'duty_performance',
      'violation_report',
      5,
    ]);
  });

  it('“举报” a company or a neighbour is still a claim for the regulator, “举报” an official is an accusation', () => {
    for (const t of [
      '举报隔壁饭店油烟扰民，请求查处',
      '举报某化工公司夜里偷排污水',
      '举报某超市卖过期食品',
    ]) {
      expect(c(t).channel, t).toBe('duty_performance');
    }
    expect(c('举报我们村的村主任把修路工程给了他侄子的施工队').category).toBe('accusation');
  });

  it('a wage claim goes to labour arbitration and names labour inspection as the alternative', () => {
    const r = c('公司拖欠我三个月工资不发，要求公司支付。');
    expect([r.channel, r.subchannel]).toEqual(['arbitration', 'labor_arbitration']);
    expect(r.alternatives.some((a) => a.channel === 'duty_performance')).toBe(true);
    expect(r.timeLimits[0]).toMatchObject({ limit: '1年', law: '劳动争议调解仲裁法', article: 27 });
  });

  it('prefers reconsideration for an on-the-spot penalty (复议前置) and mentions litigation otherwise', () => {
    const spot = c('交警当场开了罚单罚款200元，我不服。');
    expect(spot.subchannel).toBe('administrative_reconsideration');
    expect(spot.alternatives[0]?.why).toContain('复议前置');
    const other = c('区市场监管局对我作出罚款5万元的处罚决定，我认为处罚过重。');
    expect(other.alternatives.some((a) => a.subchannel === 'administrative_litigation')).toBe(true);
  });

  it.each([
    ['我的信访事项已经复核，复核意见维持原处理意见，我仍以同样理由到省里反映。', 'no_longer_accepted'],
    ['我反映的问题区里已经受理，正在办理中，期限还没到，我又到市信访局反映。', 'duplicate_escalation'],
    ['我的案子再审申请被驳回，检察院也决定不支持监督，我还要继续反映。', 'judicial_concluded'],
    ['这件事不属于你们单位的职权范围，但我还是想请你们处理。', 'redirect'],
  ])('admissibility: %s', (text, expected) => {
    expect(c(text).admissibility).toBe(expected);
  });

  it('a suggestion for the public is a suggestion; a wish for one’s own home is a claim', () => {
    expect(c('建议在公园增设公共厕所和饮水点。').category).toBe('suggestion');
    expect(c('希望政府把我们村到镇上的路修一修，下雨天走不了。').category).toBe('claim');
  });

  it('boundary pairs: a proposal stays a suggestion unless the writer asks something for himself', () => {
    const idea =
      '市民来电：这个路口早高峰左转绿灯只有十几秒，天天堵。希望看看能不能把左转时间调长一点。来电人表示不需要回访，就是提个想法。';
    expect(c(idea)).toMatchObject({ category: 'suggestion', channel: 'suggestion_handling' });
    const own = idea.replace('就是提个想法。', '另外上周在这里被罚的200元要回来。');
    expect(c(own).category).not.toBe('suggestion');
  });

  it('boundary pairs: who is accused decides — a police officer who slaps is an accusation, a stranger is not', () => {
    const officer = '城南派出所一个姓韩的民警做笔录时拍桌子，还扇了我两个耳光，逼我签字。我要求把他处理了。';
    expect(c(officer)).toMatchObject({ category: 'accusation', channel: 'discipline_inspection' });
    // A leader's message board names no accused official.
    const board =
      '（领导留言板）上游化工厂往河里排污，我家鱼塘的鱼死光了，损失八万多，环保局已经罚了厂里，厂里不赔。恳请领导帮我让厂里把损失赔了。';
    expect(c(board).category).toBe('claim');
    expect(c(board).facts?.find((f) => f.name === 'target')?.value).not.toBe('official');
  });

  it('boundary pairs: a proposal whose writer disclaims any benefit is a suggestion; the same wish for his own plot is a claim', () => {
    const idea =
      '网上信访：县政府网站上征地批文有的查得到有的查不到。我家的地不在征收范围里，就是觉得是不是可以在网站上开个专栏，把每个项目的批文和补偿标准集中放上去。';
    expect(c(idea)).toMatchObject({ category: 'suggestion', channel: 'suggestion_handling' });
    const own =
      '网上信访：我家的承包地被划进了征收范围，我想看看上级批准征收这块地的批文和补偿标准的文件，请问该找哪个部门要？';
    expect(c(own)).toMatchObject({ category: 'claim', subchannel: 'information_disclosure' });
  });

  it('boundary pairs: an effective judgment left unpaid goes to enforcement, not to an administrative route', () => {
    const unpaid =
      '借给同村周某8万元不还，我起诉后县法院判决周某归还本金及利息，判决早已生效，但周某至今分文未付。';
    expect(c(unpaid)).toMatchObject({ channel: 'judicial', subchannel: 'enforcement' });
  });

  it('boundary pairs: a traffic officer taking cash without a ticket is accused; a ticket from the traffic brigade is challenged', () => {
    const cash =
      '交警说我违停要罚200，又小声说现金给我200就不开单了。我给了他200元，他没开任何单子就走了。要求查一查这个交警。';
    expect(c(cash)).toMatchObject({ category: 'accusation', channel: 'discipline_inspection' });
    const ticket = '交警大队当场开了罚单，罚我200元扣3分，我认为当时并没有违停，要求撤销这个处罚。';
    expect(c(ticket).category).toBe('claim');
  });

  it('a supervision commission’s sanction of a non-party public employee is appealed by 复审, not by reconsideration', () => {
    const t =
      '我不是党员，是镇农业服务中心的工作人员。我收到县监察委员会的决定，因验收把关不严给予我记过。我认为不公平，请求撤销对我的处理。';
    expect(c(t)).toMatchObject({ channel: 'party_appeal', subchannel: 'supervision_review' });
  });

  it('an arbitration award in force but unpaid goes to court enforcement; a public school ending a 聘用合同 goes to arbitration', () => {
    const award =
      '12月出了裁决书，裁决公司支付我们全部工资。公司没有起诉，裁决早就生效了，可到现在一分钱都没给。';
    expect(c(award)).toMatchObject({ channel: 'judicial', subchannel: 'enforcement' });
    const hire =
      '我是区实验小学的聘用制教师，学校书面通知以年度考核不合格为由解除聘用合同。我要求撤销解除决定，让我回去上课。';
    expect(c(hire)).toMatchObject({ channel: 'arbitration', subchannel: 'labor_arbitration' });
  });

  it('boundary pairs: the same pollution — wanting one’s own loss paid is civil, asking the regulator to act is a report', () => {
    const loss =
      '上游化工厂半夜往河里排污，我家鱼塘的鱼死光了，损失八万多，厂里一分不认。求帮我让厂里把损失赔了。';
    expect(c(loss)).toMatchObject({ channel: 'judicial', subchannel: 'civil_litigation' });
    const report = '上游化工厂半夜往河里排污，我家鱼塘的鱼死光了。请求环保部门依法查处这家厂，责令停止排污。';
    expect(c(report)).toMatchObject({ channel: 'duty_performance' });
  });

  it('boundary pairs: a goods debt goes to the court or to the arbitration the contract names, whatever else the letter mentions', () => {
    const court =
      '我给XX置业公司供应门窗五金，合同总价86万元，对方至今还欠31万元货款。合同写明争议由甲方所在地人民法院管辖。我被拖得连工人工资都快发不出来了，要求这家公司把欠的货款付了。';
    expect(c(court)).toMatchObject({ channel: 'judicial', subchannel: 'civil_litigation' });
    const arbitration = court.replace('由甲方所在地人民法院管辖', '提交XX仲裁委员会仲裁');
    expect(c(arbitration)).toMatchObject({ channel: 'arbitration', subchannel: 'commercial_arbitration' });
  });

  it('reads anonymised names (XX县、××局) as names: a matter sent to a body without power is redirected', () => {
    const t =
      '致XX区卫生健康局：我家隔壁住户在六层楼顶违规搭了一间五十多平方米的彩钢板房，没有任何审批手续。请你们依法查处，把违建拆掉。';
    expect(c(t).admissibility).toBe('redirect');
    expect(c(t.replace('XX区卫生健康局', '××区卫生健康局')).admissibility).toBe('redirect');
  });

  it('asking whether something can be done for oneself is no suggestion, and asking to check one’s own case accuses no one', () => {
    for (const t of [
      '我的低保被取消了，理由是我家不在保障范围，我要求恢复。',
      '我的养老金是否可以调整？我觉得算少了。',
      '请问是否可以办理退休手续？',
      '我母亲去世了，请问是否可以办理丧葬补助金？',
    ])
      expect(c(t).category, t).toBe('claim');
    const own = c('村干部说我不符合低保条件，请组织核实我的情况，给我恢复低保');
    expect(own.category).toBe('claim');
    expect(own.channel).not.toBe('discipline_inspection');
  });

  it('a party member appealing a sanction is not accusing anyone', () => {
    expect(c('我是党员，受到留党察看处分，认为事实有误，要求撤销处分。').channel).toBe('party_appeal');
  });
});

describe('classifier output contract', () => {
  it('returns the contract JSON with verified basis and time limits', () => {
    const r = c('人社局作出不予认定工伤的决定，我不服。');
    expect(Classification.safeParse(r).success).toBe(true);
    for (const b of r.legalBasis) expect(library.has(b.law, b.article)).toBe(true);
    expect(r.missingFacts.length).toBeGreaterThan(0);
    expect(r.confidence).toBeGreaterThan(0);
    expect(formatClassification(r)).toContain('需要核实的关键事实');
  });

  it('asks instead of guessing when the description is very short or says nothing decisive', () => {
    const r = c('我有个事情要反映');
    expect(r.confidence).toBeLessThan(0.4);
    expect(r.missingFacts.join('')).toContain('是否已经起诉');
    expect(r.explanation).toContain('核实');
  });

  it('rejects empty, non-Chinese and over-long input with a clear message', () => {
    expect(() => c('')).toThrow(/为空/);
    expect(() => c('asdf qwer zxcv 1234')).toThrow(/中文/);
    expect(() => c('拖欠工资'.repeat(1300))).toThrow(/过长/);
  });

  it.skipIf(!hasEvalSets())('meets channel and admissibility accuracy ≥ 0.9 on the shared dev set', () => {
    const lines = readFileSync(path.join(EVAL, 'classify-dev.jsonl'), 'utf8').trim().split('\n');
    let channel = 0;
    let adm = 0;
    for (const l of lines) {
      const { text, gold } = JSON.parse(l);
      const r = c(text);
      if (gold.channel.includes(r.channel)) channel++;
      if (gold.admissibility === r.admissibility) adm++;
    }
    expect(channel / lines.length).toBeGreaterThanOrEqual(0.9);
    expect(adm / lines.length).toBeGreaterThanOrEqual(0.9);
  });
});

describe('legal corrections of the expert review (issue: legal corrections)', () => {
  const reconsiderationFirst = (t: string) => c(t).explanation.includes('应当先申请行政复议');

  it('a reported violation: the duty route says reconsideration comes first when the agency does not act', () => {
    const r = c('小区旁边的工地天天夜里施工，噪声扰民，我们打了很多次电话，请求城管部门查处。');
    expect(r.channel).toBe('duty_performance');
    const alt = r.alternatives.find((a) => a.subchannel === 'administrative_reconsideration');
    expect(alt?.why).toContain('应当先申请行政复议');
    expect(alt?.why).not.toMatch(/^有关部门拒绝履行或逾期不答复，与处理结果有利害关系的可申请行政复议$/);
  });

  it('低保 and social-insurance benefits refused: reconsideration first, no direct suit offered', () => {
    for (const t of [
      '我家申请低保，镇政府说不符合条件不批，我不服。',
      '社保经办机构不给我发养老金，说我缴费年限不够，我认为算错了。',
    ]) {
      const r = c(t);
      expect(r.subchannel, t).toBe('administrative_reconsideration');
      expect(
        r.alternatives.some((a) => a.subchannel === 'administrative_litigation'),
        t,
      ).toBe(false);
      expect(
        r.timeLimits.some((l) => l.law === '行政诉讼法' && l.article === 46),
        t,
      ).toBe(false);
      expect(r.legalBasis, t).toContainEqual({ law: '行政复议法', article: 23 });
      expect(reconsiderationFirst(t), t).toBe(true);
      expect(
        r.alternatives.some((a) => a.channel === 'petition_procedure'),
        t,
      ).toBe(false);
    }
  });

  it('expropriation agreement: 征收条例第25条 and the 3-year limit for non-performance, not 第22条', () => {
    const r = c('签了征收补偿协议，说好两年交安置房，到现在安置房还没交付，过渡费也停了。');
    expect(r.legalBasis).toContainEqual({ law: '国有土地上房屋征收与补偿条例', article: 25 });
    expect(r.legalBasis).not.toContainEqual({ law: '国有土地上房屋征收与补偿条例', article: 22 });
    expect(r.timeLimits).toContainEqual(
      expect.objectContaining({ limit: '3年', law: '民法典', article: 188 }),
    );
    expect(r.timeLimits.some((l) => l.law === '行政诉讼法' && l.article === 46)).toBe(false);
  });

  it('state compensation: administrative and criminal compensation are different procedures', () => {
    const crim = c(
      '我被公安刑事拘留后又被逮捕，关了八个月，最后检察院决定不起诉把我放了出来，我要求国家赔偿。',
    );
    expect(crim.handlingBody).toContain('赔偿委员会');
    expect(crim.subchannel).not.toBe('administrative_litigation');
    expect(crim.timeLimits.map((l) => `${l.law}${l.article}`)).toEqual(
      expect.arrayContaining(['国家赔偿法24', '国家赔偿法25', '国家赔偿法39']),
    );
    const adm = c('区城管局违法强拆了我的店铺，法院已经判决确认强拆违法，我要求行政赔偿。');
    expect(adm.timeLimits.map((l) => `${l.law}${l.article}`)).toEqual(
      expect.arrayContaining(['国家赔偿法13', '国家赔偿法14', '国家赔偿法39']),
    );
    expect(adm.handlingBody).not.toContain('赔偿委员会');
  });

  it('人民调解 is a note under the civil route, never offered as the petition route', () => {
    const r = c('邻居借了我三万块钱，借条写明去年底还，到现在一直不还，电话也不接。');
    expect(r.channel).toBe('judicial');
    expect(r.alternatives.some((a) => a.channel === 'petition_procedure')).toBe(false);
    expect(r.explanation).toContain('人民调解');
  });

  it('wage inspection is handled where the work is done', () => {
    const r = c('我要投诉举报某建筑公司拖欠农民工工资，请求人社局劳动监察查处。');
    expect(r.channel).toBe('duty_performance');
    expect(r.handlingBody).toContain('用工所在地');
  });

  it('information disclosure states the 20 working days from 政府信息公开条例第33条', () => {
    const r = c('我向县自然资源局申请公开征地批复，到现在没有答复。');
    expect(r.timeLimits).toContainEqual(
      expect.objectContaining({ limit: '20个工作日', law: '政府信息公开条例', article: 33 }),
    );
  });

  it('no_longer_accepted only after 复核: a petitioner who never asked for 复查 is not barred', () => {
    expect(
      c('去年区里给了处理意见，我当时没有申请复查，过了期限，现在又来反映同一问题。').admissibility,
    ).not.toBe('no_longer_accepted');
    expect(c('这件事市里已经复核维持了，他还是以同样的理由又来反映。').admissibility).toBe(
      'no_longer_accepted',
    );
  });

  it('handling bodies of administrative decisions name the reconsideration body of 行政复议法第24条', () => {
    const r = c('镇人民政府作出决定取消了我的养殖补贴资格，我不服这个决定。');
    expect(r.handlingBody).toMatch(/乡镇人民政府的行为，为县级人民政府|县级人民政府/);
  });
});

describe('facts that decide the route (session 3 rules)', () => {
  it('a benefit never decided is a petition matter; the question about an agency act comes first', () => {
    const r = c(
      '来访人反映：其母原系街道集体企业职工，上世纪九十年代企业停办后未享受任何养老待遇，要求解决其母养老问题。',
    );
    expect(r.channel).toBe('petition_procedure');
    expect(r.missingFacts[0]).toMatch(/行政机关作出的/);
    expect(r.alternatives[0]).toMatchObject({ subchannel: 'administrative_reconsideration' });
    // The same story with a refusal decision received: reconsideration.
    const refused = c('我母亲申请领取养老待遇，县社保中心出具了不予支付决定书，说不符合条件，我不服。');
    expect(refused.subchannel).toBe('administrative_reconsideration');
  });

  it('information refused goes to reconsideration first (行政复议法第23条), an unanswered wish to see it to disclosure', () => {
    const refused = c(
      '我向县自然资源局书面申请公开征地批文，半个月前收到《政府信息不予公开告知书》，我不服。',
    );
    expect(refused.subchannel).toBe('administrative_reconsideration');
    expect(refused.legalBasis).toContainEqual({ law: '行政复议法', article: 23 });
    expect(c('我想看看我们村征地的批文和补偿方案，能不能申请公开？').subchannel).toBe(
      'information_disclosure',
    );
  });

  it('a specialised department that received a matter outside its power redirects it', () => {
    const food = c(
      '县自然资源局信访接待登记：来访人反映，其在县城某超市买到过期三个月的婴儿奶粉，要求对该超市销售过期食品的行为依法查处。',
    );
    expect(food.admissibility).toBe('redirect');
    const penalty = c(
      '县卫生健康局收到来信：来信人对县自然资源局作出的行政处罚决定不服，请求卫健局出面撤销该处罚。',
    );
    expect(penalty.admissibility).toBe('redirect');
    // The agency that made the decision received it: no redirect.
    expect(
      c('县自然资源局收到来信：来信人对县自然资源局作出的行政处罚决定不服，请求撤销。').admissibility,
    ).toBe('accept');
  });

  it('a private employer dismissing its accountant is a labour dispute, not an agency act or an accusation', () => {
    const r = c(
      '我是某食品有限公司（私营企业）的会计，不是党员。老板说我违规发放补贴，以严重违纪为由把我开除了，补偿一分没有。',
    );
    expect(r.subchannel).toBe('labor_arbitration');
  });

  it('words are read as facts only in their sense: 晨跑路过 is no absconding, 未提出新的情况 no new matter', () => {
    expect(
      c('网友留言：工业园那家化工厂半夜往小河里排黑水，我晨跑路过看见好几回，请生态环境部门去查一查。')
        .channel,
    ).toBe('duty_performance');
    const after = c(
      '经查，该事项已经区人社局出具处理意见、区政府复查、市政府复核，复核意见书已送达。本次来信所述事实和理由与此前相同，未提出新的情况。',
    );
    expect([after.channel, after.admissibility]).toEqual(['petition_procedure', 'no_longer_accepted']);
  });

  it('a judgment served six days ago can still be appealed; escalating while the review is pending is not accepted', () => {
    expect(c('县法院判了十二万，医疗费没支持，判决书送到俺家才六天，俺不服。').subchannel).toBe(
      'civil_litigation',
    );
    const r = c(
      '我对区政府的信访处理意见不服，上个月已经向市政府申请了复查，市里收了材料，说30天内给书面答复。现在才过了两个礼拜，我又写信到省政府。',
    );
    expect([r.channel, r.admissibility]).toEqual(['petition_procedure', 'duplicate_escalation']);
  });
});

describe('who received it and who is accused (session 3, round 2)', () => {
  it('a letter to 某区人民政府信访局 is not a letter to the civil-affairs bureau (人民政府 contains 民政)', () => {
    const r = c('某区人民政府信访局：我在某公司上班，公司拖欠我三个月工资一万八，请帮我要回来。');
    expect(r.admissibility).toBe('accept');
  });

  it('reads the receiver from a 局长信箱 header with a middle dot and from a transfer form', () => {
    const box = c(
      '【某县教育局·局长信箱】来信人：苏某某　内容：我家楼下烧烤店油烟直排、噪声扰民到半夜，请依法查处。',
    );
    expect(box.admissibility).toBe('redirect');
    const form = c(
      '某市信访局\n信访事项转送单\n转往单位：某区市场监督管理局\n主要内容：信访人称其家宅基地西侧一块空地多年由其家使用，邻居今年在该地块上搭建简易房，双方均无权属证明，村委会调解未果，请求确认该地块使用权归其家所有。',
    );
    expect([form.subchannel, form.admissibility]).toEqual(['administrative_ruling', 'redirect']);
  });

  it('a public hospital department head taking kickbacks is accused; a private company manager is reported to the police', () => {
    const doctor = c(
      '某市纪委监委：我父亲住进某市人民医院（公立医院）心内科，科室主任包某某暗示要红包，用指定支架拿回扣，请求依法查处。',
    );
    expect([doctor.category, doctor.admissibility]).toEqual(['accusation', 'accept']);
    const manager = c(
      '我是某建材贸易有限公司（民营企业）员工，公司采购部经理利用职务便利收受供应商回扣共计80余万元，请求依法调查处理。',
    );
    expect(manager.subchannel).toBe('criminal_report');
  });

  it('a traffic ticket contested is a claim against the penalty, not an accusation of the officer who wrote it', () => {
    const r = c(
      '被执勤交警拦下，说我压了导向实线。民警当场给我开了《简易程序处罚决定书》，罚款200元、记3分。我认为标线被遮挡，处罚不公平，请求撤销这个处罚。',
    );
    expect([r.category, r.subchannel]).toEqual(['claim', 'administrative_reconsideration']);
  });
});

describe('decisions already made (session 3, round 3)', () => {
  it('a work-injury finding refused and contested goes to reconsideration, not back to the application', () => {
    const r = c(
      '我在厂里被机器压断手指，县人社局上个月送来《不予认定工伤决定书》，说我违规操作。我不服这个决定。',
    );
    expect(r.subchannel).toBe('administrative_reconsideration');
    expect(c('厂里一直拖着不给我报工伤，我自己能不能去人社局申请工伤认定？').subchannel).toBe(
      'administrative_confirmation',
    );
  });

  it('an enforcement bureau refusing to act on a report is a failure to perform its duty (复议前置)', () => {
    const r = c(
      '邻居在平台上加盖砖房挡住采光，我们联名向区综合行政执法局反映，收到书面答复称不属于违法建设，不予立案处理。我们对这份答复不服。',
    );
    expect(r.subchannel).toBe('administrative_reconsideration');
    expect(r.legalBasis).toContainEqual({ law: '行政复议法', article: 23 });
  });

  it('a transfer note’s 请依法处理 is the forwarding office speaking, not the petitioner asking to investigate', () => {
    const r = c(
      '信访事项转送单｜转送机关：某市信访局｜接收机关：某区人力资源和社会保障局｜信访人：严某某｜主要诉求：社保中心核定养老金时未认定其视同缴费年限，书面答复不予认定，信访人对该书面决定不服，要求重新核定。｜转送意见：请依法处理。',
    );
    expect([r.channel, r.subchannel, r.admissibility]).toEqual([
      'administrative_procedure',
      'administrative_reconsideration',
      'accept',
    ]);
  });

  it('a teacher let go by the county in 1998 asking for a subsidy is a policy demand, not a labour dispute', () => {
    const r = c(
      '1987年至1998年我在乡中心小学当代课教师，1998年全县清退代课教师时被辞退。听说邻县对代课教师有生活补助，要求县里给我本人发放补助。',
    );
    expect(r.channel).toBe('petition_procedure');
  });
});

describe('review findings (session 3): facts read only where the text proves them', () => {
  const route = (t: string) => {
    const r = c(t);
    return `${r.channel}/${r.subchannel ?? ''}`;
  };

  it('a refusal by a village committee or a company is no refused disclosure (复议前置 needs an agency)', () => {
    expect(route('我想看看村里的账目，村委会说是内部资料不给看')).not.toBe(
      'administrative_procedure/administrative_reconsideration',
    );
    expect(route('公司说是商业秘密，不能提供，我想看看劳动合同')).not.toBe(
      'administrative_procedure/administrative_reconsideration',
    );
  });

  it('an application not yet decided stays an application, whoever disagrees', () => {
    expect(route('工伤认定怎么申请？公司不同意，说是我自己操作错误')).toBe(
      'administrative_procedure/administrative_confirmation',
    );
    expect(route('我想申请宅基地建房审批，邻居不同意')).toBe(
      'administrative_procedure/administrative_license',
    );
  });

  it('a non-police refusal upheld on reconsideration goes to court within 15 days, not to 立案监督', () => {
    expect(route('城管局不予立案，我申请行政复议，复议决定维持')).toBe('judicial/administrative_litigation');
  });

  it('acts described in everyday words are still acts to contest', () => {
    for (const t of [
      '派出所把我关了5天，我不服',
      '税务局让我补交20万税款和滞纳金，我不服',
      '不动产登记中心把我家的房子登记到了我哥名下，我不服',
    ])
      expect(route(t), t).toBe('administrative_procedure/administrative_reconsideration');
  });

  it('a petition body’s non-acceptance is never sent to reconsideration', () => {
    expect(route('信访局书面告知不予受理，我不服')).not.toMatch(/reconsideration|litigation/);
  });

  it('the appeal period is read with its number: six days can appeal, twenty days cannot', () => {
    expect(route('判决书送到我家才六天，我不服，要上诉')).toBe('judicial/civil_litigation');
    expect(route('判决书送到我家才二十天，我不服')).toBe('judicial/retrial');
  });

  it('a receiver needs a heading: 到派出所登记了情况 is not a registration form', () => {
    expect(c('我到街道派出所登记了情况，要求城管局依法查处楼下违建').admissibility).toBe('accept');
    expect(c('县司法局：我对县公安局作出的行政拘留决定不服，申请行政复议').admissibility).toBe('accept');
  });
});

describe('fresh set r12 misses (session 3, round 4)', () => {
  it('a proposal in classical wording is a suggestion', () => {
    expect(
      c('敬启者：老朽居某社区，窃以为可否于社区活动中心辟一老年食堂，政府稍予补贴，区区刍荛之见，伏乞采择。')
        .category,
    ).toBe('suggestion');
  });

  it('registration headings with 群众来信 or 投诉举报 name the receiver', () => {
    expect(
      c(
        '某县林业局群众来信登记\n来信摘要：反映村党支部书记马某某虚报工程量，套取上级补助资金约20万元。要求本局调查处理。',
      ).admissibility,
    ).toBe('redirect');
    const r = c(
      '某县市场监督管理局投诉举报登记\n反映内容：借给同乡陆某8万元，法院判决已生效一年多，陆某至今分文未还。要求本局查封陆某的服装店抵债。',
    );
    expect([r.subchannel, r.admissibility]).toEqual(['enforcement', 'redirect']);
  });

  it('an award received and contested goes to court; a suit against an agency still pending is administrative', () => {
    const award = c(
      '我申请了劳动仲裁要加班费和二倍工资前天收到裁决书了仲裁就支持了我加班费二倍工资那块一分没给说我超过时效了我不服',
    );
    expect(award.subchannel).toBe('civil_litigation');
    const pending = c(
      '来访人不服区市场监管局吊销其营业执照的决定，向区人民法院提起行政诉讼，法院已立案受理，开过一次庭，至今没有判决。要求督促法院尽快判决。',
    );
    expect(pending.subchannel).toBe('administrative_litigation');
  });

  it('收入超标 is no pollution; a goods contract is no labour contract; 一如前书 repeats the matter', () => {
    expect(
      c('我申请低保，收到县民政局的不予批准通知书，说我收入超标，我在超市打零工，我不服。').subchannel,
    ).toBe('administrative_reconsideration');
    expect(
      c(
        '本人经营建材批发门市，与某装饰公司签订瓷砖供货合同，货已送达验收，余款26万元至今未付，合同没有约定仲裁。',
      ).subchannel,
    ).toBe('civil_litigation');
    expect(
      c('此事已出具处理意见，复查、复核俱不予支持，复核意见书去年送达。今再陈旧事，事实与理由一如前书。')
        .admissibility,
    ).toBe('no_longer_accepted');
  });
});

describe('fresh set r13 misses (session 3, round 5)', () => {
  it('after 处理、复查、复核 the same reasons again are no longer accepted, however they are told', () => {
    expect(
      c('乡村医生养老补助的事，县里处理、市里复查、省里复核都说不支持，我还是这些理由再来信。').admissibility,
    ).toBe('no_longer_accepted');
    expect(
      c(
        '县里给了个处理意见，俺找市里复查，又找省里复核，省里也给了个答复，还是那话。俺还是那些事，也没有啥新的材料，再来递个状子。',
      ).admissibility,
    ).toBe('no_longer_accepted');
  });

  it('a registration noted as 于某日收到 or a 来访记录 heading names the receiver', () => {
    expect(
      c(
        '经查，某县文化和旅游局于本月10日收到群众王某来信。该同志反映邻居欠其借款5万元不还，请求文旅局帮其追回。',
      ).admissibility,
    ).toBe('redirect');
    expect(
      c(
        '（某县农业农村局来访记录）俺是村里的老党员，镇党委给了俺一个党内严重警告处分，俺不服，想叫你们给俺把处分撤了。',
      ).admissibility,
    ).toBe('redirect');
  });

  it('an injured worker whose employer will not report asks for 工伤认定, an administrative confirmation', () => {
    expect(
      c(
        '我在机械厂做冲压工，签了三年劳动合同，右手被冲床压伤。厂长说是我自己操作不当，不给报。怎样才能把工伤认下来？',
      ).subchannel,
    ).toBe('administrative_confirmation');
    expect(
      c('我已经被认定工伤，伤残等级九级，厂里只肯给一万块了断，我想按规定把该拿的都拿到。').subchannel,
    ).toBe('labor_arbitration');
  });

  it('a tiler paid by a homeowner for one job is a 劳务 dispute; a homestead both families claim is a land-rights matter', () => {
    expect(
      c('我是瓷砖工，平时自己接活干。业主王某让我给他家新房贴瓷砖，包工不包料，工钱还欠15000元不给。')
        .subchannel,
    ).toBe('civil_litigation');
    expect(
      c(
        '俺家老屋东头有块空地，隔壁家要盖房，说那块是他家的宅基地。两家都没证，村里调解两回没谈拢，这块地到底归哪家使？',
      ).subchannel,
    ).toBe('administrative_ruling');
  });
});

describe('fresh set r14 misses (session 3, round 6)', () => {
  it('sons who will not support their mother: a family (civil) matter, not the petition procedure', () => {
    expect(c('俺今年78了，三个儿子都成家了，没一个管俺，推来推去。求政府让他们养俺。').subchannel).toBe(
      'civil_litigation',
    );
  });

  it('a beating with a stick leaving fractures is reported to the police; a threat to break a leg is not yet', () => {
    expect(
      c('同村黄某喝了酒用木棍把我父亲头打破、左手打骨折。我们要求公安机关追究黄某的刑事责任。').subchannel,
    ).toBe('criminal_report');
    expect(
      c(
        '邻居天天把牛赶到我家麦地，抄起棍子撵我，说再多嘴就打断我的腿。我要求派出所依法制止他，保护我的人身安全。',
      ).subchannel,
    ).toBe('protection_duty');
  });

  it('after 复核 a petitioner who still disagrees without new facts is no longer accepted', () => {
    const r = c(
      '这个事县交通局给过处理意见，县政府复查过，市政府今年二月份也复核了，都说没有补偿政策。俺不服，还是要这块地的补偿。',
    );
    expect(r.admissibility).toBe('no_longer_accepted');
  });

  it('reads receivers from 信访室登记 and 来电记录 headings; 县领导你们好 is a greeting, not an accused official', () => {
    expect(
      c(
        '某县纪委监委信访室登记：来信人反映，其借给同村村民蒋某8万元，蒋某至今拒不归还，请求纪委帮其追回借款。',
      ).admissibility,
    ).toBe('redirect');
    expect(
      c('某县林业局办公室来电记录：来电人称服装厂拖欠其3个月工资共1.2万元，要求林业局出面帮忙讨要。')
        .admissibility,
    ).toBe('redirect');
    expect(
      c('县领导你们好，我在汽修厂干了快一年，老板一直不跟我签合同，听说可以要双倍工资，老板一分不给还骂人。')
        .channel,
    ).toBe('arbitration');
  });
});

describe('fresh set r15 misses (session 3, round 7): the petition chain is never sent to 复议 or 诉讼', () => {
  it('a 信访处理意见书 the petitioner calls a “决定” and took to the reconsideration office stays in the chain', () => {
    const r = c(
      '某乡人民政府对刘某反映的问题出具了信访处理意见书，要求给予生活补助，意见书认为无政策依据、不予支持。刘某到县政府行政复议办公室递交复议申请，要求撤销乡政府的“决定”，复议办口头告知这不属于行政复议范围。',
    );
    expect(r.channel).toBe('petition_procedure');
    expect(r.subchannel).toBeNull();
    // The same story about a 行政处罚决定书 is an act to contest.
    const penalty = c('乡政府对我作出行政处罚决定书，罚款五千元，我不服，要求撤销这个决定。');
    expect(penalty.subchannel).toBe('administrative_reconsideration');
  });

  it('negations are read as negations: 尚未出具处理意见, 未超过办理期限, 不是同样的理由', () => {
    const r = c(
      '省人社厅来信登记：信访人冯某要求享受冬季取暖补贴。经核实，市人社局已于11月3日受理该信访事项，正在调查，尚未出具处理意见，未超过办理期限。冯某11月20日又写信至省人社厅反映同一问题。',
    );
    expect([r.channel, r.admissibility]).toEqual(['petition_procedure', 'duplicate_escalation']);
    expect(
      c('我的事情去年已经在省里复核过了，结论是维持，可是我手里有新的证据，这次不是同样的理由。')
        .admissibility,
    ).toBe('accept');
  });

  it('a new policy after 复核 is a new matter; a lawsuit 早就终结了 is concluded', () => {
    expect(
      c(
        '郑某某要求补发任教期间待遇一事，省教育厅已作出复核意见，维持。郑某某再次来信，称省里2024年新出台了老年生活补助政策，要求按新政策发放。',
      ).admissibility,
    ).toBe('accept');
    expect(
      c('留言：我家那个官司早就终结了，法院检察院都说不再管了，可我还是觉得判得不对。').admissibility,
    ).toBe('judicial_concluded');
  });
});

describe('second review findings (session 3)', () => {
  const adm = (t: string) => c(t).admissibility;

  it('a 复核 still under way is not a finished one', () => {
    expect(adm('我对县里的复查意见不服，材料已经交到市里复核了，还没结果')).toBe('accept');
    expect(adm('市里正在复核了，我想问问进度')).toBe('accept');
  });

  it('终结 and 都说不管 without a court case are no concluded litigation', () => {
    expect(adm('我父亲早就终结了劳动关系，单位不给补偿')).toBe('accept');
    expect(adm('人社局和法院都说不管')).toBe('accept');
  });

  it('new evidence one cannot produce, or a reply that names it as a condition, is no new matter', () => {
    expect(adm('拿不出新的证据，复核意见维持了，我还是不服，还是那些理由')).toBe('no_longer_accepted');
    expect(adm('复核意见书说除非有新的证据，否则不再受理，我不服')).toBe('no_longer_accepted');
  });

  it('a reconsideration decision, including a refusal to accept, is contested in court', () => {
    expect(c('我申请了行政复议，复议机关作出了决定，我还是不服').subchannel).toBe(
      'administrative_litigation',
    );
    expect(c('复议机关作出了不予受理决定，我不服').subchannel).toBe('administrative_litigation');
  });

  it('报告给公安局 is no suit against an agency; a daughter at school is no family dispute; 党内处分 is a party sanction', () => {
    expect(c('我起诉了邻居，案子正在法院审理中，之前我也报告给公安局了').subchannel).toBe('civil_litigation');
    expect(c('我女儿在学校，学校不给她发毕业证').channel).not.toBe('judicial');
    expect(c('我是党员，对党内处分不服，镇纪委的复核意见也维持了').subchannel).toBe('party_member_appeal');
  });
});

describe('a petition opinion beside a live administrative act (session 3)', () => {
  it('the act keeps its legal route; an opinion that itself refuses stays in the chain', () => {
    expect(c('县公安局罚款决定我不服，信访处理意见也维持了，我想起诉').subchannel).toBe(
      'administrative_reconsideration',
    );
    expect(
      c('县教育局给了我处理意见书，说前五年没有任教证明不予认定。我不服，现在给市教育局写信请求复查。')
        .channel,
    ).toBe('petition_procedure');
  });
});

describe('a fine paid later, and the accounts of a village', () => {
  it('asking to pay a fine in instalments goes to the agency that imposed it; contesting it stays a review', () => {
    const relief = c('交警罚了我两千，家里困难，能不能分期交');
    expect(relief.subchannel).toBe('administrative_penalty');
    expect(relief.handlingBody).toContain('暂缓或者分期缴纳');
    expect(c('市场监管局罚了我五万，罚得太重了，我不服，想分期交').subchannel).toBe(
      'administrative_reconsideration',
    );
    expect(c('城管罚了我五千，我认了，就是一次交不起，能不能分期').handlingBody).toContain(
      '暂缓或者分期缴纳',
    );
    // A criminal fine (the court decides), a bank's penalty interest and an employer's 'fine' are no such matter.
    for (const t of [
      '法院判决我罚金两万元，能不能分期交',
      '银行贷款逾期了，罚息太高，能不能分期付',
      '老板拖欠我三个月工资，说要分期付，还说迟到要罚我款',
    ])
      expect(c(t).handlingBody).not.toContain('分期缴纳');
    expect(c('老板拖欠我三个月工资，说要分期付，还说迟到要罚我款').subchannel).toBe('labor_arbitration');
    // Instalments of a contract price are no fine.
    expect(
      c('我们公司和对方签了设备采购合同，约定分三期支付，合同约定争议提交仲裁委员会仲裁，对方拖欠货款')
        .subchannel,
    ).toBe('commercial_arbitration');
  });

  it('a village committee that will not open its accounts is village affairs, not government information', () => {
    const r = c('村民多次要求村委会公开近三年的集体账目，村委会一直不公开，他来信访局反映。');
    expect(r.channel).toBe('petition_procedure');
    expect(r.handlingBody).toContain('村民委员会');
    expect(r.facts?.some((f) => f.name === 'disagree')).toBe(false);
    expect(c('村委会一直不公开集体账目').channel).toBe('petition_procedure');
    // A government body that withholds its own documents is government information, whatever the village.
    expect(c('村里的土地被征收，县政府一直不公开征地批文').handlingBody).not.toContain('村民委员会');
    expect(c('我向镇政府申请公开村委会的审计报告，镇政府不答复').subchannel).toBe('information_disclosure');
  });
});

describe('fact kinds', () => {
  it('the facts with named values are exactly those whose values in facts.json are not just “yes”', async () => {
    const { NAMED_VALUE_FACTS } = await import('../src/knowledge/decision.ts');
    const named = Object.entries(knowledge.decision.facts.facts)
      .filter(([, def]) => (def?.values ?? []).some((v) => v.value !== 'yes'))
      .map(([name]) => name)
      .sort();
    expect([...NAMED_VALUE_FACTS].sort()).toEqual(named);
  });
});
