-- Case register (issue 20): matters, their dated events, the petitioner's personal data (stored once, here only),
-- register settings, and the daily reminder digest claim (one instance sends it). Time limits are not stored: they
-- are computed from the events by the deadline service whenever they are shown. Dates are ISO days (YYYY-MM-DD)
-- kept as text so both drivers return them unchanged.
CREATE TABLE IF NOT EXISTS petitioners (
  id         text PRIMARY KEY,
  name       text NOT NULL,
  id_number  text,
  phone      text,
  address    text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX IF NOT EXISTS petitioners_id_number ON petitioners (id_number) WHERE id_number IS NOT NULL;

CREATE SEQUENCE IF NOT EXISTS case_seq;

CREATE TABLE IF NOT EXISTS cases (
  id             text PRIMARY KEY,
  received_date  text NOT NULL CHECK (received_date ~ '^\d{4}-\d{2}-\d{2}$'),
  form           text NOT NULL CHECK (form IN ('letter', 'visit', 'online', 'phone')),
  intake         text NOT NULL CHECK (intake IN ('bureau', 'direct', 'transferred')),
  summary        text NOT NULL,
  petitioner_id  text REFERENCES petitioners (id),
  officer        text,
  category       text,
  classification jsonb,
  field          text,
  receiving_body text,
  subject_body   text,
  external_ref   text,
  closed_on      text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS cases_officer ON cases (officer);
CREATE INDEX IF NOT EXISTS cases_received ON cases (received_date);
CREATE UNIQUE INDEX IF NOT EXISTS cases_external_ref ON cases (external_ref) WHERE external_ref IS NOT NULL;

CREATE TABLE IF NOT EXISTS case_events (
  id           bigserial PRIMARY KEY,
  case_id      text NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  type         text NOT NULL,
  date         text NOT NULL CHECK (date ~ '^\d{4}-\d{2}-\d{2}$'),
  delivered_on text CHECK (delivered_on ~ '^\d{4}-\d{2}-\d{2}$'),
  days         integer CHECK (days BETWEEN 1 AND 30),
  reason       text,
  note         text,
  attachment   text,
  recorded_by  text,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS case_events_case ON case_events (case_id, date, id);

CREATE TABLE IF NOT EXISTS register_settings (
  key   text PRIMARY KEY,
  value jsonb NOT NULL
);

CREATE TABLE IF NOT EXISTS register_digests (
  day        text PRIMARY KEY,
  claimed_by text NOT NULL,
  claimed_at timestamptz NOT NULL DEFAULT now(),
  sent_at    timestamptz
);
