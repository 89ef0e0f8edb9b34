-- Conversation state of the chat adapters (terminal, Slack threads), so a conversation survives restarts and
-- works with several instances.
CREATE TABLE IF NOT EXISTS conversations (
  id         text PRIMARY KEY,           -- e.g. cli:<session> or slack:<team>:<channel>:<thread_ts>
  state      jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
