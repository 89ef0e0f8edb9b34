-- Quiz questions written by a model and accepted after verification against their basis article.
CREATE TABLE IF NOT EXISTS quiz_generated (
  id         text PRIMARY KEY,
  law        text NOT NULL,
  article    integer NOT NULL,
  candidate  jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
