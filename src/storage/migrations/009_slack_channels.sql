-- Per-channel behaviour of the Slack assistant, set by a channel manager with /xinfang channel: answer only when
-- @mentioned (the default, also when a channel has no row) or also answer questions posted in the channel.
CREATE TABLE IF NOT EXISTS slack_channels (
  channel    text PRIMARY KEY,
  mode       text NOT NULL CHECK (mode IN ('mention', 'questions')),
  set_by     text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
