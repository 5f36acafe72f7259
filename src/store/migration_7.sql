-- Version 7 (5 and 6 are left to other branches; the integrator renumbers): sync across
-- devices. Each data directory is a device with a random id. Every change to progress is an
-- event with a unique id, the device's id and a sequence number, so devices can exchange
-- events through a shared folder and take the union (see docs/sync.md).

INSERT OR IGNORE INTO meta (key, value) VALUES ('device_id', lower(hex(randomblob(8))));

-- A review is the event that added it: `device` and `seq` say which. Reviews made before
-- this version are this device's, numbered in the order they were given.
ALTER TABLE reviews ADD COLUMN device TEXT;
ALTER TABLE reviews ADD COLUMN seq INTEGER;
UPDATE reviews SET device = (SELECT value FROM meta WHERE key = 'device_id'), seq = id;
CREATE UNIQUE INDEX reviews_by_event ON reviews (device, seq);

-- Every event other than a review, this device's and the others': undo and override name
-- the review of the same device they change (`target`, its `seq`); accept, parameters,
-- retention and device carry their value in `value`.
CREATE TABLE sync_events (
    device   TEXT NOT NULL,
    seq      INTEGER NOT NULL,
    at       INTEGER NOT NULL,          -- unix milliseconds, UTC
    kind     TEXT NOT NULL,             -- undo | override | accept | parameters | retention | device
    target   INTEGER,
    deck     TEXT,
    card     TEXT,
    rating   INTEGER,
    verdict  TEXT,
    value    TEXT,
    PRIMARY KEY (device, seq)
) WITHOUT ROWID;
CREATE INDEX sync_events_by_target ON sync_events (device, target) WHERE target IS NOT NULL;
CREATE INDEX sync_events_by_kind ON sync_events (kind, at, device);
-- A card's suspensions and restorations (and accepted answers), the latest first.
CREATE INDEX sync_events_by_card ON sync_events (deck, card, at) WHERE deck IS NOT NULL;

-- The cards suspended before this version: this device's events, after its reviews.
INSERT INTO sync_events (device, seq, at, kind, deck, card)
SELECT (SELECT value FROM meta WHERE key = 'device_id'),
       (SELECT COALESCE(MAX(seq), 0) FROM reviews) + ROW_NUMBER() OVER (ORDER BY deck, card),
       suspended_at, 'suspend', deck, card
FROM suspended;

-- How far each device log in the sync folder has been read (or, for this device's own,
-- written): `offset` bytes, ending at a line's end, whose first and last 4 KiB hash to
-- `prefix_hash`; `size` and `modified` are what the file system said then, so a log that
-- has not changed costs one stat. `last_seq` is the highest sequence number written to
-- this device's own log.
CREATE TABLE sync_files (
    path         TEXT PRIMARY KEY,
    offset       INTEGER NOT NULL,
    lines        INTEGER NOT NULL,
    prefix_hash  TEXT NOT NULL,
    size         INTEGER NOT NULL,
    modified     INTEGER NOT NULL,
    last_seq     INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- The cards whose rows wait to be replayed: events of other devices were taken in, and the
-- replay runs once at the end of a sync (a row left here is replayed by the next one).
CREATE TABLE sync_replay (
    deck  TEXT NOT NULL,
    card  TEXT NOT NULL,
    PRIMARY KEY (deck, card)
) WITHOUT ROWID;
