-- Listing speed (issue 20): each matter keeps the limits still open (started, not met) as computed by the deadline
-- service when its events last changed, with the key of the rules and calendar they were computed under. A listing
-- reads these instead of every event; a matter whose key differs from the running one (holiday arrangement or rules
-- changed, or a matter written before this column existed) is recomputed from its events and written back. The
-- limits are kept as compact text (code,due,extension days;…): a listing reads ten thousand of them at once.
ALTER TABLE cases ADD COLUMN IF NOT EXISTS open_limits text;
ALTER TABLE cases ADD COLUMN IF NOT EXISTS limits_key text;
-- The summary as others may see it (personal data and the petitioner's name masked), kept with the limits under
-- the same key, so a listing does not mask ten thousand summaries each time.
ALTER TABLE cases ADD COLUMN IF NOT EXISTS summary_masked text;
-- The listing line: the fields a listing shows, joined, so that ten thousand matters are read as one string.
ALTER TABLE cases ADD COLUMN IF NOT EXISTS list_line text;
