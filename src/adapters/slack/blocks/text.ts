/** Slack text: Markdown-ish output converted to mrkdwn, escaped, and split within Slack's limits. */

const SECTION_LIMIT = 2900; // Slack allows 3000 characters in a section's text
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

/** Characters of block text per message: Slack refuses a message whose blocks total roughly 13,000 (msg_blocks_too_long). */
export const MESSAGE_TEXT_BUDGET = 11_000;

/**
 * Splits text into chunks of at most `limit` characters, keeping every line break: whole paragraphs (blank-line
 * separated) where they fit, else whole lines, else whole sentences (。！？；), and only then a hard cut. A chunk
 * boundary takes the place of the separator it falls on.
 */
export function splitText(text: string, limit = SECTION_LIMIT): string[] {
  const out: string[] = [];
  let cur = '';
  const push = (piece: string, sep: string) => {
    if (cur === '') cur = piece;
    else if (cur.length + sep.length + piece.length <= limit) cur = `${cur}${sep}${piece}`;
    else {
      out.push(cur);
      cur = piece;
    }
  };
  const pushLine = (line: string, sep: string) => {
    if (line.length <= limit) return push(line, sep);
    let first = true;
    for (const sentence of line.split(/(?<=[。！？；!?;])/)) {
      for (let i = 0; i < sentence.length; i += limit) {
        push(sentence.slice(i, i + limit), first ? sep : '');
        first = false;
      }
    }
  };
  for (const paragraph of text.split(/\n{2,}/)) {
    if (paragraph.length <= limit) push(paragraph, '\n\n');
    else for (const [i, line] of paragraph.split('\n').entries()) pushLine(line, i === 0 ? '\n\n' : '\n');
  }
  if (cur) out.push(cur);
  const chunks = out.filter((c) => c.trim() !== '');
  return chunks.length > 0 ? chunks : [''];
}
