/**
 * Who sees what of a registered matter. The petitioner's personal data is shown in full only to the matter's
 * officer and to register managers, and only on surfaces that ask for it; everywhere else it is masked. Accusation
 * matters (检举控告) are visible only to their officer and to managers (条例第三十条第三款、第四十六条): anyone else
 * sees that a matter exists, never what it says or whom it names.
 */
import { redact } from '../../llm/redact.ts';

export interface Viewer {
  /** A Slack user id or an officer's name; absent for a channel everyone reads. */
  userId?: string | undefined;
  /** Register managers (configured) see every matter. */
  manager?: boolean;
  /** Show personal data in full when the viewer may see it (a private surface); otherwise masked. */
  reveal?: boolean;
}

export const ACCUSATION_HIDDEN = '（检举控告事项：内容仅承办人和登记管理员可见）';

export function isEntitled(viewer: Viewer, officer: string | null, extraManagers: string[] = []): boolean {
  if (viewer.manager) return true;
  if (!viewer.userId) return false;
  return viewer.userId === officer || extraManagers.includes(viewer.userId);
}

export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  return `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

export function maskDigits(value: string, keepStart: number, keepEnd: number): string {
  const v = value.replace(/\s/g, '');
  if (v.length <= keepStart + keepEnd) return '*'.repeat(v.length);
  return `${v.slice(0, keepStart)}${'*'.repeat(v.length - keepStart - keepEnd)}${v.slice(v.length - keepEnd)}`;
}

export function maskAddress(address: string): string {
  const chars = [...address];
  return chars.length <= 6 ? `${chars.slice(0, 2).join('')}***` : `${chars.slice(0, 6).join('')}***`;
}

/**
 * Names the masking below. Masked summaries are stored for listings under a key that includes it: change it when
 * the masking changes, and stored ones are masked anew.
 */
export const MASKING_VERSION = 'mask-1';

/** A summary fit for others' eyes: ID, phone and card numbers and the petitioner's name taken out. */
export function maskSummary(summary: string, petitionerName: string | null): string {
  let text = redact(summary).text;
  if (petitionerName && petitionerName.trim().length >= 2)
    text = text.split(petitionerName.trim()).join(maskName(petitionerName));
  return text;
}
