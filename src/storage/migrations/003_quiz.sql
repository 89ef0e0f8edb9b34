-- Quiz sessions, answers (one per session and question: a double click never counts twice), and the review
-- schedule of questions a user got wrong (Leitner boxes).
CREATE TABLE IF NOT EXISTS quiz_sessions (
  id           text PRIMARY KEY,
  user_id      text NOT NULL,
  channel_id   text,
  question_ids jsonb NOT NULL,
  position     integer NOT NULL DEFAULT 0,
  correct      integer NOT NULL DEFAULT 0,
  answered     integer NOT NULL DEFAULT 0,
  mode         text NOT NULL DEFAULT 'quiz' CHECK (mode IN ('quiz', 'review')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS quiz_answers (
  session_id  text NOT NULL REFERENCES quiz_sessions (id) ON DELETE CASCADE,
  question_id text NOT NULL,
  user_id     text NOT NULL,
  channel_id  text,
  answer      text NOT NULL,
  correct     boolean NOT NULL,
  answered_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, question_id)
);
CREATE INDEX IF NOT EXISTS quiz_answers_channel ON quiz_answers (channel_id, user_id);

CREATE TABLE IF NOT EXISTS quiz_reviews (
  user_id     text NOT NULL,
  question_id text NOT NULL,
  box         integer NOT NULL,
  due_at      timestamptz NOT NULL,
  PRIMARY KEY (user_id, question_id)
);

CREATE TABLE IF NOT EXISTS quiz_schedules (
  channel_id text PRIMARY KEY,
  weekday    integer NOT NULL CHECK (weekday BETWEEN 0 AND 6),
  hour       integer NOT NULL CHECK (hour BETWEEN 0 AND 23),
  count      integer NOT NULL CHECK (count BETWEEN 1 AND 20),
  last_run   date
);
