-- Version 1 of the progress store. The review log is the truth; `cards` is a cache of it
-- that `quiz optimize` can rebuild by replaying the log.
CREATE TABLE sessions (
    id          INTEGER PRIMARY KEY,
    started_at  INTEGER NOT NULL,          -- unix milliseconds, UTC
    ended_at    INTEGER,
    decks       TEXT NOT NULL,             -- comma-separated deck names
    mode        TEXT NOT NULL              -- review | missed | cram
);

CREATE TABLE reviews (
    id            INTEGER PRIMARY KEY,
    reviewed_at   INTEGER NOT NULL,        -- unix milliseconds, UTC
    deck          TEXT NOT NULL,
    card          TEXT NOT NULL,
    rating        INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
    verdict       TEXT NOT NULL,           -- right | close | wrong | again | hard | good | easy
    given_answer  TEXT NOT NULL,
    elapsed_ms    INTEGER NOT NULL,
    session       INTEGER REFERENCES sessions(id),
    mode          TEXT NOT NULL            -- review | missed | cram | import
);
CREATE INDEX reviews_by_card ON reviews (deck, card, reviewed_at);
CREATE INDEX reviews_by_time ON reviews (reviewed_at);
CREATE INDEX reviews_by_session ON reviews (session);

CREATE TABLE cards (
    deck          TEXT NOT NULL,
    card          TEXT NOT NULL,
    stability     REAL NOT NULL,
    difficulty    REAL NOT NULL,
    due           INTEGER NOT NULL,        -- unix milliseconds, UTC
    last_review   INTEGER NOT NULL,
    reps          INTEGER NOT NULL,
    lapses        INTEGER NOT NULL,
    first_review  INTEGER NOT NULL,        -- counts the card against the day's new-card limit
    PRIMARY KEY (deck, card)
) WITHOUT ROWID;
CREATE INDEX cards_by_due ON cards (due);

CREATE TABLE meta (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;
