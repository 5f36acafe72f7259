-- Version 6: a session's due cards in the order they are asked, a page at a time; and a
-- deck's leeches. A card's
-- place in its deck's index lives in its `cards` row too (NULL while the index does not
-- hold the card: progress of a card that left the deck), so that the order — least likely
-- remembered first, ties in file order — is one scan of `cards_by_deck_due` with no look-up
-- in `deck_cards` per due card, and a page of it joins only its own cards. A new row of
-- `cards` takes its place from the index (the trigger below); the deck indexer, the only
-- writer of `deck_cards`, moves the places of the cards it writes.
ALTER TABLE cards ADD COLUMN position INTEGER;
UPDATE cards SET position =
    (SELECT c.position FROM deck_cards AS c WHERE c.deck = cards.deck AND c.card = cards.card);

DROP INDEX cards_by_deck_due;
CREATE INDEX cards_by_deck_due
    ON cards (deck, due, stability, difficulty, last_review, reps, lapses, position);

-- A deck's leeches (cards lapsed a number of times or more) without reading the others.
CREATE INDEX cards_by_deck_lapses ON cards (deck, lapses);

CREATE TRIGGER cards_position AFTER INSERT ON cards BEGIN
    UPDATE cards SET position =
        (SELECT c.position FROM deck_cards AS c WHERE c.deck = NEW.deck AND c.card = NEW.card)
    WHERE deck = NEW.deck AND card = NEW.card;
END;
