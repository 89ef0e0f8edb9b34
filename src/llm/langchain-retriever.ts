/**
 * Our hybrid article search exposed as a LangChain retriever, so LangChain chains and agents can use the same
 * article-level retrieval (with direct article look-up and the Chinese thesaurus) instead of a generic one.
 */
import { Document } from '@langchain/core/documents';
import { BaseRetriever } from '@langchain/core/retrievers';
import { displayText } from '../retrieval/library.ts';
import type { Searcher } from '../retrieval/search.ts';

export class XinfangRetriever extends BaseRetriever {
  override lc_namespace = ['xinfang', 'retrievers'];

  constructor(
    private readonly searcher: Searcher,
    private readonly k = 5,
  ) {
    super();
  }

  override async _getRelevantDocuments(query: string): Promise<Document[]> {
    const r = await this.searcher.search(query, { limit: this.k });
    return r.hits.flatMap((h) => {
      const a = this.searcher.library.get(h.law, h.article, h.sub);
      if (!a) return [];
      return [
        new Document({
          pageContent: displayText(a),
          metadata: {
            law: h.law,
            article: h.article,
            label: h.label,
            path: h.path,
            score: h.score,
            official: a.official !== null,
          },
        }),
      ];
    });
  }
}
