-- Version 5: the cards the learner suspended ("do not ask me this"). A suspended card is
-- never queued by a session; its progress is kept and it comes back as it was when it is
-- restored. Keyed by deck and card id like `cards`, so it follows the card through edits of
-- its wording, and kept here, never in the deck file, so a shared or bundled deck is not
-- touched. Not a cache: these rows are the learner's own.
CREATE TABLE suspended (
    deck          TEXT NOT NULL,
    card          TEXT NOT NULL,
    suspended_at  INTEGER NOT NULL,     -- unix milliseconds, UTC
    PRIMARY KEY (deck, card)
) WITHOUT ROWID;
