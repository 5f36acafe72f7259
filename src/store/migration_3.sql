-- Version 3: an index of the deck files, so that a session over decks that have not
-- changed parses nothing and reads only the cards it asks. Like `cards`, it is a cache:
-- the deck files are the truth, and any deck's rows here may be dropped and rebuilt.

-- One row per indexed deck. `key` names the text the cards were read from (the quiz
-- version and index format, and a hash of the text). For a file, `path`, `size` and
-- `modified` (nanoseconds) are what the file system said of it at `stamped` (nanoseconds,
-- the real clock): while they still hold, and the file had last changed well before that,
-- the file is not read at all.
CREATE TABLE deck_files (
    deck      TEXT PRIMARY KEY,
    key       TEXT NOT NULL,
    path      TEXT,
    size      INTEGER,
    modified  INTEGER,
    stamped   INTEGER
) WITHOUT ROWID;

-- A deck's cards as parsed, in file order (`position` counts from 0).
CREATE TABLE deck_cards (
    deck      TEXT NOT NULL,
    position  INTEGER NOT NULL,
    card      TEXT NOT NULL,
    data      BLOB NOT NULL,            -- the rest of the card, encoded by store::deck_index
    tags      TEXT NOT NULL,            -- the card's tags (its own, then its deck's): a JSON array
    reviewed  INTEGER NOT NULL,         -- 1 when `cards` has a row for it: not new any more
    PRIMARY KEY (deck, position)
) WITHOUT ROWID;
CREATE UNIQUE INDEX deck_cards_by_card ON deck_cards (deck, card);
-- The new cards of a deck in file order, without reading past the reviewed ones.
CREATE INDEX deck_cards_new ON deck_cards (deck, position) WHERE reviewed = 0;

-- `reviewed` follows `cards` whoever writes it: a live answer, an undo, an import, a rebuild.
CREATE TRIGGER deck_cards_reviewed AFTER INSERT ON cards BEGIN
    UPDATE deck_cards SET reviewed = 1 WHERE deck = NEW.deck AND card = NEW.card;
END;
CREATE TRIGGER deck_cards_unreviewed AFTER DELETE ON cards BEGIN
    UPDATE deck_cards SET reviewed = 0 WHERE deck = OLD.deck AND card = OLD.card;
END;

-- What a session asks of `cards` for one deck: the cards due before an instant, with their
-- state (held in the index, so a due card costs no read of its row), and how many were
-- first reviewed since the day began.
CREATE INDEX cards_by_deck_due ON cards (deck, due, stability, difficulty, last_review, reps, lapses);
CREATE INDEX cards_by_deck_first_review ON cards (deck, first_review);
