/** Terminal rendering of core results, in Chinese. */

import type { SearchResult } from '../../retrieval/search.ts';
import type { AskResult } from '../../skills/ask/ask.ts';

export function formatSearch(r: SearchResult): string {
  const out: string[] = [];
  for (const n of r.notices) out.push(`提示：${n}`);
  if (r.hits.length === 0) out.push('没有找到相关条文。');
  r.hits.forEach((h, i) => {
    out.push(`${i + 1}. 《${h.law}》${h.label}  〔${h.path}〕  相关度 ${h.score.toFixed(4)}`);
    out.push(`   ${h.snippet}`);
  });
  return out.join('\n');
}

export function formatAsk(r: AskResult): string {
  const cites = r.citations.map((c) => `《${c.law}》第${c.article}条`).join('、');
  return `${r.answer}\n\n引用：${cites || '无'}\n（回答引擎：${r.engine === 'offline' ? '离线规则引擎' : '语言模型（引用已核验）'}）`;
}
