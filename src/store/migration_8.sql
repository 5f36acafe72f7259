-- Version 8: what `quiz decks` counts, without a scan of a deck's 100,000 card rows on every
-- call. Counting the due cards walked `cards_by_deck_due` up to the end of the week, and
-- telling whether the deck index holds every card with progress walked all of `cards`: on
-- 100,000 cards and 81,000 due, three quarters of the command's time.
--
-- A deck's cards with progress, by the UTC day (unix milliseconds / 86,400,000, truncated,
-- as SQLite and Rust both divide) their review is due: the cards due by an instant are those
-- of the days before its day, summed here, and those of its own day up to it, read from
-- `cards_by_deck_due`. Kept by the triggers below, so every writer of `cards` keeps it; a
-- day whose cards all moved keeps its row at 0. (An `INSERT OR REPLACE` into `cards` would
-- delete without its trigger: writers upsert instead.)
CREATE TABLE cards_due_days (
    deck   TEXT NOT NULL,
    day    INTEGER NOT NULL,
    cards  INTEGER NOT NULL,
    PRIMARY KEY (deck, day)
) WITHOUT ROWID;
INSERT INTO cards_due_days (deck, day, cards)
SELECT deck, due / 86400000, COUNT(*) FROM cards GROUP BY deck, due / 86400000;

CREATE TRIGGER cards_due_days_insert AFTER INSERT ON cards BEGIN
    INSERT INTO cards_due_days (deck, day, cards) VALUES (NEW.deck, NEW.due / 86400000, 1)
    ON CONFLICT (deck, day) DO UPDATE SET cards = cards + 1;
END;
CREATE TRIGGER cards_due_days_delete AFTER DELETE ON cards BEGIN
    UPDATE cards_due_days SET cards = cards - 1 WHERE deck = OLD.deck AND day = OLD.due / 86400000;
END;
CREATE TRIGGER cards_due_days_update AFTER UPDATE OF deck, due ON cards
WHEN OLD.deck IS NOT NEW.deck OR OLD.due / 86400000 IS NOT NEW.due / 86400000 BEGIN
    UPDATE cards_due_days SET cards = cards - 1 WHERE deck = OLD.deck AND day = OLD.due / 86400000;
    INSERT INTO cards_due_days (deck, day, cards) VALUES (NEW.deck, NEW.due / 86400000, 1)
    ON CONFLICT (deck, day) DO UPDATE SET cards = cards + 1;
END;

-- The cards with progress the deck index does not hold (`position` NULL: they left the
-- deck), which are few or none: when a deck has none, every card with progress is one of
-- its indexed cards, and the counts need no look-up in `deck_cards` per card.
-- The counts trust the places, which the builds between commits 841a46e and 6a6b602 could
-- leave naming another card's place (they decided whether to move places outside the
-- indexing's transaction): they are set again from the index, writing only the rows that
-- differ.
UPDATE cards SET position =
    (SELECT c.position FROM deck_cards AS c WHERE c.deck = cards.deck AND c.card = cards.card)
WHERE position IS NOT
    (SELECT c.position FROM deck_cards AS c WHERE c.deck = cards.deck AND c.card = cards.card);
CREATE INDEX cards_unplaced ON cards (deck) WHERE position IS NULL;

-- A bulk writer (the replay of an import, `quiz optimize`, a sync) gives a new row its place
-- itself, in the same statement; the trigger then has nothing to do. Updating each of
-- 100,000 new rows again, with their entries in `cards_by_deck_due` and `cards_unplaced`,
-- was a third of writing them.
DROP TRIGGER cards_position;
CREATE TRIGGER cards_position AFTER INSERT ON cards WHEN NEW.position IS NULL BEGIN
    UPDATE cards SET position =
        (SELECT c.position FROM deck_cards AS c WHERE c.deck = NEW.deck AND c.card = NEW.card)
    WHERE deck = NEW.deck AND card = NEW.card;
END;

-- A session's reviews are looked up by session; an imported or synced review has none, and
-- a history of 1,000,000 of them built an index entry each for nothing.
DROP INDEX reviews_by_session;
CREATE INDEX reviews_by_session ON reviews (session) WHERE session IS NOT NULL;
