/**
 * Slack message markup decoded once, at the edge, before any engine sees the text: HTML entities, links
 * (`<url|label>`, `<mailto:…>`), user, channel, group and special mentions, dates. Mentions of the bot are dropped;
 * mentions of other people stay readable (their name when Slack or the caller supplies it, else the id).
 */

export interface DecodedText {
  /** Plain text for the engines. */
  text: string;
  /** Users mentioned other than the bot, in order. */
  mentions: string[];
  /** The message opens by addressing someone other than the bot ("<@U2> 你看下…"). */
  addressedToOther: boolean;
  /** The bot was mentioned. */
  mentionsBot: boolean;
  /** Links found, with their label when Slack sent one. */
  links: { url: string; label: string | undefined }[];
}

const ENTITY: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt);/g, (m) => ENTITY[m] ?? m);
}

/** The part of a link worth reading: the address without its scheme, so a URL reads as an address, not a word. */
function linkText(url: string, label: string | undefined): string {
  if (url.startsWith('mailto:')) return label ?? url.slice('mailto:'.length);
  if (label && label !== url) return `${label}（${url}）`;
  return url;
}

/**
 * Decodes Slack's `text` field. `names` resolves user ids to display names when the caller knows them; Slack's own
 * `<@U…|name>` form wins.
 */
export function decodeSlackText(
  raw: string,
  options: { botUserId?: string | undefined; names?: ReadonlyMap<string, string> } = {},
): DecodedText {
  const mentions: string[] = [];
  const links: DecodedText['links'] = [];
  let mentionsBot = false;
  let first: 'bot' | 'other' | 'text' | null = null;
  const out = raw.replace(
    /<([^<>]*)>|([^<]+)/g,
    (whole, inner: string | undefined, plain: string | undefined) => {
      if (plain !== undefined) {
        if (first === null && plain.trim() !== '') first = 'text';
        return decodeEntities(plain);
      }
      const body = inner ?? '';
      const bar = body.indexOf('|');
      const target = bar >= 0 ? body.slice(0, bar) : body;
      const label = bar >= 0 ? decodeEntities(body.slice(bar + 1)) : undefined;
      if (target.startsWith('@')) {
        const id = target.slice(1);
        if (options.botUserId && id === options.botUserId) {
          mentionsBot = true;
          if (first === null) first = 'bot';
          return '';
        }
        mentions.push(id);
        if (first === null) first = 'other';
        return `@${label ?? options.names?.get(id) ?? id}`;
      }
      if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
      if (target.startsWith('!subteam^')) return label ?? '@用户组';
      if (target.startsWith('!date^')) return label ?? '';
      if (target.startsWith('!')) return `@${target.slice(1)}`;
      if (/^(https?:|mailto:|tel:)/.test(target)) {
        const url = decodeEntities(target);
        links.push({ url, label });
        if (first === null) first = 'text';
        return linkText(url, label);
      }
      // Not Slack markup (a literal "<" never reaches us unescaped): keep it as written.
      return decodeEntities(whole);
    },
  );
  return {
    text: out.replace(/[ \t]{2,}/g, ' ').trim(),
    mentions,
    addressedToOther: first === 'other',
    mentionsBot,
    links,
  };
}
