-- Version 2: `quiz stats` counts one deck's reviews per learner day. Without this index
-- such a count either reads every review of the deck, through (deck, card, reviewed_at),
-- or every review of the day, through (reviewed_at); with it, it reads just the day's
-- reviews of that deck, from the index alone.
CREATE INDEX reviews_by_deck_time ON reviews (deck, reviewed_at);
