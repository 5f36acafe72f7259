-- Version 4: the answers a learner added to a bundled deck's cards ("accept this from now
-- on"). A bundled deck's text is part of quiz, so what the learner accepts is kept here and
-- merged into the card's `accept` list when the card is read; a deck file of their own gets
-- the answer written into it instead. Not a cache: these rows are the learner's own.
CREATE TABLE learner_accepts (
    deck      TEXT NOT NULL,
    card      TEXT NOT NULL,
    answer    TEXT NOT NULL,
    added_at  INTEGER NOT NULL,         -- seconds since the Unix epoch
    PRIMARY KEY (deck, card, answer)
) WITHOUT ROWID;
