-- Feedback is kept per user: each user's 👍/👎 (and the comment on it) on an answer is their own row, so a later
-- rating by another user no longer overwrites an earlier one.
ALTER TABLE feedback DROP CONSTRAINT IF EXISTS feedback_pkey;
ALTER TABLE feedback ADD CONSTRAINT feedback_pkey PRIMARY KEY (answer_id, user_id);
CREATE INDEX IF NOT EXISTS feedback_updated_at ON feedback (updated_at);
