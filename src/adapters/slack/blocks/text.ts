/** Slack text: Markdown-ish output converted to mrkdwn, escaped, and split within Slack's limits. */

export const SECTION_LIMIT = 2900; // Slack allows 3000 characters in a section's text
export const BLOCKS_PER_MESSAGE = 45; // Slack allows 50

export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** **bold** → *bold*, # headings → bold lines, [text](url) → <url|text>; everything else escaped. */
export function toMrkdwn(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => {
      const links: string[] = [];
      let l = line.replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, (_, t: string, u: string) => {
        links.push(`<${u}|${escapeMrkdwn(t)}>`);
        return `\uE000${links.length - 1}\uE001`;
      });
      l = escapeMrkdwn(l);
      l = l.replace(/^#{1,6}\s+(.*)$/, '*$1*').replace(/\*\*([^*]+)\*\*/g, '*$1*');
      // Private-use characters mark where a link stood while the rest of the line was escaped.
      return l.replace(/\uE000(\d+)\uE001/g, (_, i: string) => links[Number(i)] ?? '');
    })
    .join('\n');
}

/** Splits text into chunks of at most `limit` characters, at line breaks where possible. */
export function splitText(text: string, limit = SECTION_LIMIT): string[] {
  const out: string[] = [];
  let cur = '';
  for (const line of text.split('\n')) {
    if (line.length > limit) {
      if (cur) out.push(cur);
      cur = '';
      for (let i = 0; i < line.length; i += limit) out.push(line.slice(i, i + limit));
      continue;
    }
    if (cur.length + line.length + 1 > limit) {
      out.push(cur);
      cur = line;
    } else cur = cur ? `${cur}\n${line}` : line;
  }
  if (cur) out.push(cur);
  return out.length > 0 ? out : [''];
}
