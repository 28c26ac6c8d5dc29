"""The schema as an ordered list of migrations, each recorded in the database when applied."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from filiere.errors import CaseError

# Never edit a migration that has shipped: add a new one.
MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "case, evidence and custody",
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE evidence (
            sha256 TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            size INTEGER NOT NULL,
            added_at TEXT NOT NULL,
            added_by TEXT NOT NULL,
            source_ref TEXT
        );
        CREATE TABLE custody (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            detail TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL UNIQUE
        );
        CREATE TRIGGER custody_no_update BEFORE UPDATE ON custody
            BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;
        CREATE TRIGGER custody_no_delete BEFORE DELETE ON custody
            BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;
        CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence
            BEGIN SELECT RAISE(ABORT, 'evidence rows are immutable'); END;
        CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence
            BEGIN SELECT RAISE(ABORT, 'evidence rows are immutable'); END;
        """,
    ),
    (
        "records read from evidence",
        """
        CREATE TABLE ingestions (
            id INTEGER PRIMARY KEY,
            evidence TEXT NOT NULL REFERENCES evidence(sha256),
            format TEXT,
            status TEXT NOT NULL,           -- ingested | failed | unrecognised
            started_at TEXT NOT NULL,
            seconds REAL NOT NULL,
            counts TEXT NOT NULL,           -- JSON {"message": n, ...}
            skipped INTEGER NOT NULL,
            error TEXT,
            options TEXT NOT NULL           -- JSON: tz, region, reader options
        );
        CREATE INDEX ingestions_evidence ON ingestions(evidence);
        CREATE TABLE skips (
            evidence TEXT NOT NULL, locator TEXT NOT NULL, reason TEXT NOT NULL
        );
        CREATE INDEX skips_evidence ON skips(evidence);
        CREATE TABLE conversations (
            id INTEGER PRIMARY KEY,
            evidence TEXT NOT NULL, locator TEXT NOT NULL,
            key TEXT NOT NULL, platform TEXT NOT NULL, kind TEXT NOT NULL,
            title TEXT, native_id TEXT,
            UNIQUE (evidence, key)
        );
        CREATE TABLE accounts (
            id INTEGER PRIMARY KEY,
            evidence TEXT NOT NULL, locator TEXT NOT NULL,
            key TEXT NOT NULL, platform TEXT NOT NULL, name TEXT,
            phone TEXT, phone_original TEXT, handle TEXT, native_id TEXT,
            is_owner INTEGER NOT NULL DEFAULT 0,
            UNIQUE (evidence, key)
        );
        CREATE INDEX accounts_key ON accounts(key);
        CREATE INDEX accounts_phone ON accounts(phone);
        CREATE TABLE messages (
            id INTEGER PRIMARY KEY,
            evidence TEXT NOT NULL, locator TEXT NOT NULL, native_id TEXT,
            kind TEXT NOT NULL, conversation TEXT NOT NULL,
            sender TEXT, sender_name TEXT,
            ts INTEGER NOT NULL, local_time TEXT NOT NULL, tz TEXT NOT NULL,
            text TEXT NOT NULL,
            reply_to TEXT, forwarded_from TEXT, media TEXT, media_type TEXT,
            edited_ts INTEGER, direction TEXT, entities TEXT, extra TEXT
        );
        CREATE INDEX messages_evidence ON messages(evidence);
        CREATE INDEX messages_conversation_ts ON messages(conversation, ts);
        CREATE INDEX messages_sender ON messages(sender);
        CREATE INDEX messages_ts ON messages(ts);
        CREATE VIRTUAL TABLE messages_fts USING fts5(
            text, content='messages', content_rowid='id',
            tokenize="unicode61 remove_diacritics 2"
        );
        CREATE TABLE calls (
            id INTEGER PRIMARY KEY,
            evidence TEXT NOT NULL, locator TEXT NOT NULL, native_id TEXT,
            kind TEXT NOT NULL, caller TEXT, callee TEXT,
            ts INTEGER NOT NULL, local_time TEXT NOT NULL, tz TEXT NOT NULL,
            duration_s INTEGER, direction TEXT NOT NULL,
            cell_id TEXT, lat REAL, lon REAL, cell_address TEXT,
            imei TEXT, imsi TEXT, extra TEXT
        );
        CREATE INDEX calls_evidence ON calls(evidence);
        CREATE INDEX calls_caller ON calls(caller, ts);
        CREATE INDEX calls_callee ON calls(callee, ts);
        CREATE TABLE contacts (
            id INTEGER PRIMARY KEY,
            evidence TEXT NOT NULL, locator TEXT NOT NULL,
            key TEXT NOT NULL, name TEXT,
            phones TEXT NOT NULL, emails TEXT NOT NULL, handles TEXT NOT NULL,
            organisation TEXT, note TEXT
        );
        CREATE INDEX contacts_evidence ON contacts(evidence);
        """,
    ),
    (
        "detections",
        """
        CREATE TABLE detections (
            message_id INTEGER PRIMARY KEY REFERENCES messages(id),
            drug_trade INTEGER NOT NULL,
            score REAL NOT NULL,
            result TEXT NOT NULL             -- JSON: the detector's full explained output
        );
        CREATE INDEX detections_trade ON detections(drug_trade, message_id);
        CREATE TABLE message_labels (        -- 'category:offer', 'product:cocaine' for filtering
            label TEXT NOT NULL, message_id INTEGER NOT NULL,
            PRIMARY KEY (label, message_id)
        ) WITHOUT ROWID;
        CREATE TABLE mentions (              -- identifiers found in text: phone, handle, link, wallet…
            message_id INTEGER NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL, platform TEXT
        );
        CREATE INDEX mentions_value ON mentions(value);
        CREATE INDEX mentions_message ON mentions(message_id);
        CREATE TABLE prices (
            message_id INTEGER NOT NULL, ts INTEGER NOT NULL, product TEXT,
            amount REAL NOT NULL, currency TEXT, quantity REAL, unit TEXT
        );
        CREATE INDEX prices_product_ts ON prices(product, ts);
        CREATE TABLE analysis_runs (
            id INTEGER PRIMARY KEY, stage TEXT NOT NULL, started_at TEXT NOT NULL,
            seconds REAL NOT NULL, version TEXT NOT NULL, summary TEXT NOT NULL
        );
        """,
    ),
    (
        "actors, identity links, judgements, network",
        """
        CREATE TABLE actors (
            id INTEGER PRIMARY KEY,
            label TEXT NOT NULL,
            kind TEXT NOT NULL,              -- person | channel | business
            role TEXT,                       -- advertiser | dispatcher | courier | customer | supplier | front
            role_confidence REAL,
            roles TEXT NOT NULL DEFAULT '[]', -- JSON [{role, score, reasons: [{fr, en}]}], best first
            scores TEXT NOT NULL DEFAULT '{}', -- JSON {degree, betweenness, pagerank, brokerage, ...}
            community INTEGER,
            first_ts INTEGER, last_ts INTEGER,
            messages INTEGER NOT NULL DEFAULT 0, calls INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE actor_identifiers (
            identifier TEXT PRIMARY KEY,     -- phone:+33…, telegram:user1, imei:…, whatsapp:name:…
            actor_id INTEGER NOT NULL REFERENCES actors(id),
            kind TEXT NOT NULL,              -- phone | account | channel | handle | imei | name
            display TEXT NOT NULL            -- as an investigator reads it
        );
        CREATE INDEX actor_identifiers_actor ON actor_identifiers(actor_id);
        CREATE TABLE links (                 -- why two identifiers are (maybe) the same actor
            id INTEGER PRIMARY KEY,
            a TEXT NOT NULL, b TEXT NOT NULL,
            rule TEXT NOT NULL,
            strength TEXT NOT NULL,          -- strong | weak
            score REAL NOT NULL,
            reason TEXT NOT NULL,            -- JSON {fr, en}
            sources TEXT NOT NULL,           -- JSON [{sha256, locator}]
            status TEXT NOT NULL             -- merged | proposed | confirmed | rejected
        );
        CREATE INDEX links_a ON links(a);
        CREATE INDEX links_b ON links(b);
        CREATE TABLE judgements (            -- investigators' decisions: kept across re-analysis
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL, user TEXT NOT NULL,
            decision TEXT NOT NULL,          -- confirm | reject (a split is rejects, one per link cut)
            a TEXT NOT NULL, b TEXT NOT NULL,
            note TEXT
        );
        CREATE TABLE edges (                 -- actor to actor, per relation, per day (time filtering)
            src INTEGER NOT NULL, dst INTEGER NOT NULL,
            kind TEXT NOT NULL,              -- message | call | sms | advertises | handoff | same_device | colocation
            day INTEGER NOT NULL,            -- days since 1970-01-01 UTC; 0 for timeless relations
            count INTEGER NOT NULL, first_ts INTEGER, last_ts INTEGER, duration_s INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (src, dst, kind, day)
        ) WITHOUT ROWID;
        CREATE INDEX edges_dst ON edges(dst);
        CREATE TABLE lineage (               -- a channel and the one that replaced it
            channel TEXT NOT NULL, successor TEXT NOT NULL, score REAL NOT NULL, reasons TEXT NOT NULL
        );
        CREATE TABLE disruption (
            strategy TEXT NOT NULL, mode TEXT NOT NULL, step INTEGER NOT NULL,
            removed INTEGER, lcc_fraction REAL NOT NULL,
            PRIMARY KEY (strategy, mode, step)
        );
        """,
    ),
    (
        "every path an evidence file was found at",
        """
        CREATE TABLE evidence_paths (       -- the same bytes may sit at several paths of a seizure
            sha256 TEXT NOT NULL REFERENCES evidence(sha256),
            path TEXT NOT NULL,             -- relative to what was added: 'export/photos/p1.jpg'
            source_ref TEXT,
            PRIMARY KEY (sha256, path)
        ) WITHOUT ROWID;
        CREATE INDEX evidence_paths_path ON evidence_paths(path);
        """,
    ),
    (
        "detection facts read by the analysis without parsing JSON",
        """
        ALTER TABLE detections ADD COLUMN categories TEXT NOT NULL DEFAULT '';
        ALTER TABLE detections ADD COLUMN addresses INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE detections ADD COLUMN bulk INTEGER NOT NULL DEFAULT 0;
        """,
    ),
    (
        "each distinct detection result stored once",
        """
        CREATE TABLE detection_results (     -- JSON: the detector's full explained output, once per distinct
            id INTEGER PRIMARY KEY,          -- result (channels repost the same menu thousands of times)
            result TEXT NOT NULL
        );
        CREATE TABLE detections_by_result (
            message_id INTEGER PRIMARY KEY REFERENCES messages(id),
            drug_trade INTEGER NOT NULL,
            score REAL NOT NULL,
            result_id INTEGER NOT NULL REFERENCES detection_results(id),
            categories TEXT NOT NULL DEFAULT '',
            addresses INTEGER NOT NULL DEFAULT 0,
            bulk INTEGER NOT NULL DEFAULT 0
        );
        INSERT INTO detection_results (result) SELECT DISTINCT result FROM detections;
        CREATE INDEX detection_results_migrated ON detection_results(result);
        INSERT INTO detections_by_result
            SELECT d.message_id, d.drug_trade, d.score, r.id, d.categories, d.addresses, d.bulk
            FROM detections d JOIN detection_results r ON r.result = d.result;
        DROP INDEX detection_results_migrated;
        DROP TABLE detections;
        ALTER TABLE detections_by_result RENAME TO detections;
        CREATE INDEX detections_trade ON detections(drug_trade, message_id);
        """,
    ),
    (
        "whether each price's currency was written or inferred",
        """
        ALTER TABLE prices ADD COLUMN currency_stated INTEGER;  -- 1 written, 0 inferred, NULL before this
        """,
    ),
)

LATEST = len(MIGRATIONS)


def version(conn: sqlite3.Connection) -> int:
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_migrations'").fetchone()
    if not exists:
        return 0
    row = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection) -> int:
    """Apply the migrations this database lacks, each in its own transaction; return the version."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    current = version(conn)
    if current > LATEST:
        raise CaseError(
            f"this case uses schema version {current}, newer than this filiere knows ({LATEST})",
            hint="open it with a newer version of filiere",
        )
    for number, (name, sql) in enumerate(MIGRATIONS[current:], start=current + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                (number, name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    return LATEST


def _statements(sql: str) -> list[str]:
    """Split a migration into statements (``executescript`` would commit behind our back)."""
    statements: list[str] = []
    buffer = ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
