-- Laws and their official texts (loaded with `xinfang ingest`), article chunks for retrieval, and key/value meta.
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE IF NOT EXISTS laws (
  name          text NOT NULL,
  version       text NOT NULL,
  title         text NOT NULL,
  status        text NOT NULL CHECK (status IN ('current', 'superseded')),
  source_file   text NOT NULL,
  source_hash   text NOT NULL,
  article_count integer NOT NULL,
  ingested_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (name, version)
);

CREATE TABLE IF NOT EXISTS official_articles (
  law        text NOT NULL,
  version    text NOT NULL,
  article    integer NOT NULL,
  sub        integer NOT NULL DEFAULT 0,   -- 条之一 = 1, 条之二 = 2
  label      text NOT NULL,                -- 第三十一条 / 第十条之一
  chapter    text,
  section    text,
  paragraphs jsonb NOT NULL,               -- [{ "text": "...", "items": ["..."] }]
  body       text NOT NULL,
  PRIMARY KEY (law, version, article, sub),
  FOREIGN KEY (law, version) REFERENCES laws (name, version) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS chunks (
  id           text PRIMARY KEY,           -- law#article or law#article-sub
  law          text NOT NULL,
  article      integer NOT NULL,
  sub          integer NOT NULL DEFAULT 0,
  label        text NOT NULL,
  path         text NOT NULL,              -- 信访工作条例 > 第四章 信访事项的办理 > 第三十五条
  body         text NOT NULL,              -- what is shown: official wording if ingested, else our key points
  source       text NOT NULL CHECK (source IN ('builtin', 'official', 'both')),
  terms        text NOT NULL,              -- space-separated index terms (jieba words + bigrams), computed once
  content_hash text NOT NULL,
  embedder     text,
  embedding    vector
);
CREATE INDEX IF NOT EXISTS chunks_law_article ON chunks (law, article);

CREATE TABLE IF NOT EXISTS meta (
  key   text PRIMARY KEY,
  value text NOT NULL
);
