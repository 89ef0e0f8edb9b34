-- Chat surfaces: event de-duplication across instances, threads the assistant is engaged in, answers with their
-- feedback, and a per-user rate-limit window.
CREATE TABLE IF NOT EXISTS slack_events (
  event_id    text PRIMARY KEY,
  received_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS slack_threads (
  channel    text NOT NULL,
  thread_ts  text NOT NULL,
  engaged_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (channel, thread_ts)
);

CREATE TABLE IF NOT EXISTS answers (
  id         text PRIMARY KEY,
  surface    text NOT NULL,
  user_id    text NOT NULL,
  channel    text,
  question   text NOT NULL,           -- redacted before it is stored
  answer     text NOT NULL,
  citations  jsonb NOT NULL,
  engine     text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS feedback (
  answer_id  text PRIMARY KEY REFERENCES answers (id) ON DELETE CASCADE,
  user_id    text NOT NULL,
  rating     smallint NOT NULL CHECK (rating IN (-1, 1)),
  comment    text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS rate_limits (
  user_id      text NOT NULL,
  window_start timestamptz NOT NULL,
  count        integer NOT NULL,
  PRIMARY KEY (user_id, window_start)
);
