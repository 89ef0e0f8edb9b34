/** Terminal rendering of core results, in Chinese. */

import type { SearchHit, SearchResult } from '../../retrieval/search.ts';
import type { AskResult } from '../../skills/ask/ask.ts';

export function formatSearch(r: SearchResult): string {
  const out: string[] = [];
  for (const n of r.notices) out.push(`提示：${n}`);
  for (const o of r.superseded)
    out.push(
      `〔已废止，仅供对照〕《${o.law}》（${o.version}）${o.label}：${o.snippet}`,
      `   现行依据请查《${o.supersededBy}》。`,
    );
  if (r.hits.length === 0 && r.superseded.length === 0) out.push('没有找到相关条文。');
  // The fused score means nothing to a reader; the rank, the title and the words that matched say why a hit is there.
  r.hits.forEach((h, i) => {
    out.push(`${i + 1}. 《${h.law}》${h.label}${h.title ? ` ${h.title}` : ''}  〔${h.path}〕`);
    out.push(`   ${matchLine(h)}`);
    out.push(`   ${h.snippet}`);
  });
  return out.join('\n');
}

function matchLine(h: SearchHit): string {
  if (h.via.includes('reference')) return '命中：按条文编号查到';
  if (h.matched.length > 0) return `命中：${h.matched.join('、')}`;
  return '命中：无相同词语，按语义相近列出';
}

export function formatAsk(r: AskResult): string {
  const cites = r.citations.map((c) => `《${c.law}》第${c.article}条`).join('、');
  return `${r.answer}\n\n引用：${cites || '无'}\n（回答引擎：${r.engine === 'offline' ? '离线规则引擎' : '语言模型（引用已核验）'}）`;
}
