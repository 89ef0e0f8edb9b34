/**
 * The case register in Slack: the App Home tab ("我的事项"), the registration modal (also opened by the
 * “登记这个事项” button), the event modal behind every “记录进展” button, and the daily digest — by DM to each
 * officer and, masked, to the configured channel — sent once a day across instances.
 */
import { z } from 'zod';
import { CaseEventType } from '../../../domain/cases.ts';
import { AppError } from '../../../errors.ts';
import type { Digest, RegisterSettings } from '../../../skills/register/service.ts';
import {
  CASE_EVENT_MODAL,
  CASE_MODAL,
  caseModal,
  channelDigest,
  eventModal,
  homeView,
  officerDigest,
} from '../blocks/cases.ts';
import type { SlackClient, SlackDeps } from '../context.ts';
import { parsePayload } from '../payloads.ts';

export { CASE_EVENT_MODAL, CASE_MODAL };

const Prefill = z.object({ summary: z.string().max(2000).optional() });
const EventRef = z.object({ id: z.string().min(1).max(40), type: CaseEventType });
type EventRef = z.infer<typeof EventRef>;

/** Values of a submitted modal, as Bolt hands them over (block id → action id → element state). */
export type ModalValues = Record<
  string,
  Record<
    string,
    {
      value?: string | null;
      selected_date?: string | null;
      selected_user?: string | null;
      selected_option?: { value: string } | null;
    }
  >
>;

/** The App Home tab was opened: publish the user's matters by due date. */
export async function onHomeOpened(
  deps: SlackDeps,
  client: SlackClient,
  event: { tab?: string | undefined; user: string },
): Promise<void> {
  if (event.tab !== 'home') return;
  const { day } = await deps.core.register.now();
  const cases = await deps.core.register.mine(event.user, day);
  await client.views.publish({ user_id: event.user, view: homeView(cases, day) });
}

export async function openCaseModal(
  deps: SlackDeps,
  client: SlackClient,
  triggerId: string,
  rawPrefill: string | undefined,
): Promise<void> {
  const prefill = rawPrefill ? parsePayload(Prefill, rawPrefill, '登记按钮') : {};
  const { day } = await deps.core.register.now();
  await client.views.open({ trigger_id: triggerId, view: caseModal(prefill, day) });
}

const v = (values: ModalValues, block: string) => values[block]?.v;

/** Field errors for the registration modal, or null when it may be submitted. */
export function caseModalErrors(values: ModalValues): Record<string, string> | null {
  const errors: Record<string, string> = {};
  if (!v(values, 'receivedDate')?.selected_date) errors.receivedDate = '请选择收到日期';
  if (!v(values, 'summary')?.value?.trim()) errors.summary = '请填写事项概要';
  const phone = v(values, 'phone')?.value?.trim();
  if (phone && !v(values, 'petitioner')?.value?.trim())
    errors.petitioner = '填写联系电话时请同时填写信访人姓名';
  return Object.keys(errors).length ? errors : null;
}

/** Registers the matter from the modal (classifying its summary) and tells the user its number by DM. */
export async function onCaseModalSubmit(
  deps: SlackDeps,
  client: SlackClient,
  values: ModalValues,
  user: string,
): Promise<string> {
  const summary = v(values, 'summary')?.value?.trim() ?? '';
  const name = v(values, 'petitioner')?.value?.trim();
  const phone = v(values, 'phone')?.value?.trim();
  const officer = v(values, 'officer')?.selected_user ?? user;
  const c = await deps.core.register.add(
    {
      receivedDate: v(values, 'receivedDate')?.selected_date,
      form: v(values, 'form')?.selected_option?.value ?? 'letter',
      summary,
      text: summary,
      officer,
      ...(name ? { petitioner: { name, ...(phone ? { phone } : {}) } } : {}),
    },
    user,
  );
  const next = c.next ? `，下一期限：${c.next.what}，${c.next.due}到期` : '';
  await client.chat.postMessage({
    channel: user,
    text: `已登记事项 ${c.id}${next}。可在本应用的“主页”查看“我的事项”。`,
  });
  if (officer !== user)
    await client.chat.postMessage({
      channel: officer,
      text: `<@${user}> 登记了事项 ${c.id} 并指定由您承办${next}。`,
    });
  await onHomeOpened(deps, client, { tab: 'home', user }).catch(() => undefined);
  return c.id;
}

/** “记录进展”: opens the event modal for that matter and event. */
export async function openEventModal(
  deps: SlackDeps,
  client: SlackClient,
  triggerId: string,
  rawRef: string | undefined,
  user: string,
): Promise<void> {
  const ref = parsePayload(EventRef, rawRef, '记录按钮');
  await mayWrite(deps, ref.id, user);
  const { day } = await deps.core.register.now();
  await client.views.open({ trigger_id: triggerId, view: eventModal(ref.id, ref.type, day) });
}

/** Only the matter's officer and register managers record its events. */
async function mayWrite(deps: SlackDeps, caseId: string, user: string): Promise<void> {
  const view = await deps.core.register.show(caseId, { userId: user });
  if (view.officer !== user && !(await deps.core.register.isManager(user))) {
    throw new AppError(
      'input_invalid',
      `事项 ${caseId} 由其他承办人办理，只有承办人和登记管理员可以记录进展。`,
    );
  }
}

export async function onEventModalSubmit(
  deps: SlackDeps,
  client: SlackClient,
  privateMetadata: string,
  values: ModalValues,
  user: string,
): Promise<void> {
  const ref: EventRef = parsePayload(EventRef, privateMetadata, '记录表单');
  await mayWrite(deps, ref.id, user);
  const delivered = v(values, 'deliveredOn')?.selected_date;
  const note = v(values, 'note')?.value?.trim();
  const c = await deps.core.register.addEvent(
    ref.id,
    {
      type: ref.type,
      date: v(values, 'date')?.selected_date ?? '',
      ...(delivered ? { deliveredOn: delivered } : {}),
      ...(note ? { note } : {}),
    },
    user,
  );
  const next = c.next ? `下一期限：${c.next.what}，${c.next.due}到期。` : '暂无待办期限。';
  await client.chat.postMessage({ channel: user, text: `事项 ${c.id} 已记录。${next}` });
  await onHomeOpened(deps, client, { tab: 'home', user }).catch(() => undefined);
}

/** Posts a claimed digest: each Slack-user officer by DM, and the register channel (masked). */
async function postDigest(
  deps: SlackDeps,
  client: SlackClient,
  digest: Digest,
  settings: RegisterSettings,
): Promise<void> {
  for (const [officer, items] of digest.byOfficer) {
    if (!/^[UW][A-Z0-9]+$/.test(officer)) continue;
    await client.chat
      .postMessage({ channel: officer, ...officerDigest(items, digest.day) })
      .catch((e: unknown) => deps.log.error({ err: e }, 'digest DM failed'));
  }
  if (settings.digestChannel)
    await client.chat
      .postMessage({ channel: settings.digestChannel, ...channelDigest(digest) })
      .catch((e: unknown) => deps.log.error({ err: e }, 'digest channel post failed'));
}

/** Called on a timer by every instance: sends today's digest if it is time and nobody has yet. */
export async function runDailyDigest(
  deps: SlackDeps,
  client: SlackClient,
  instance: string,
  at = new Date(),
): Promise<boolean> {
  return deps.core.register.sendDailyDigest(instance, (d, s) => postDigest(deps, client, d, s), at);
}
