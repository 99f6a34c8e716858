import type { Database } from 'better-sqlite3';
import { all, first } from './query';

/**
 * Numbered schema migrations. The database's `PRAGMA user_version` is the number of migrations applied.
 * Append only: never edit a migration once it has been committed, add a new one instead.
 */
/** A step: SQL, or a function for what SQL alone cannot say (rebuilding a table to change a CHECK). */
type Migration = string | ((db: Database) => void);

export const MIGRATIONS: readonly Migration[] = [
  // 1: the case store
  `
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );

  CREATE TABLE cases (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('parent','la','clerk')),
    appeal_type TEXT NOT NULL,
    child_name TEXT,
    la_name TEXT,
    tribunal_ref TEXT,
    decision_date TEXT,
    mediation_certificate_date TEXT,
    registered_date TEXT,
    hearing_date TEXT,
    extended INTEGER NOT NULL DEFAULT 0,
    extended_health INTEGER NOT NULL DEFAULT 0,
    extended_social_care INTEGER NOT NULL DEFAULT 0,
    numbering TEXT NOT NULL DEFAULT 'continuous' CHECK (numbering IN ('continuous','section')),
    notes TEXT,
    archived INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );

  CREATE TABLE parties (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('appellant','young-person','la','health-commissioner',
      'social-care-commissioner','school','representative')),
    name TEXT NOT NULL,
    organisation TEXT,
    role_title TEXT,
    email TEXT,
    phone TEXT,
    address TEXT
  );
  CREATE INDEX parties_case ON parties(case_id);

  CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    section TEXT NOT NULL,
    title TEXT NOT NULL,
    document_date TEXT,
    author TEXT,
    kind TEXT NOT NULL DEFAULT 'other' CHECK (kind IN ('decision-letter','ehc-plan','appeal-form','response',
      'working-document','expert-report','witness-statement','correspondence','other')),
    page_count INTEGER NOT NULL CHECK (page_count > 0),
    sha256 TEXT NOT NULL,
    original_sha256 TEXT NOT NULL,
    original_name TEXT NOT NULL,
    conversion TEXT NOT NULL DEFAULT 'none',
    position INTEGER NOT NULL,
    included INTEGER NOT NULL DEFAULT 1,
    late INTEGER NOT NULL DEFAULT 0,
    page_sizes TEXT NOT NULL,
    pages_without_text TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    UNIQUE (case_id, original_sha256)
  );
  CREATE INDEX documents_case_section ON documents(case_id, section, position);

  CREATE TABLE report_details (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    author_profession TEXT,
    author_qualifications TEXT,
    assessment_date TEXT,
    plan_sections TEXT NOT NULL DEFAULT '[]'
  );

  CREATE TABLE witnesses (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    role TEXT,
    organisation TEXT,
    party TEXT NOT NULL,
    attending INTEGER NOT NULL DEFAULT 1,
    needs_interpreter INTEGER NOT NULL DEFAULT 0,
    interpreter_language TEXT,
    access_needs TEXT,
    statement_document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL
  );
  CREATE INDEX witnesses_case ON witnesses(case_id);

  CREATE TABLE recommendations (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    area TEXT NOT NULL CHECK (area IN ('health','social-care')),
    text TEXT NOT NULL,
    made_date TEXT NOT NULL,
    responder TEXT,
    tribunal_due_date TEXT,
    decision TEXT CHECK (decision IS NULL OR decision IN ('will-follow','will-follow-in-part','will-not-follow')),
    response_text TEXT,
    responded_date TEXT
  );
  CREATE INDEX recommendations_case ON recommendations(case_id);

  -- Dates the tribunal set in its letters (they override computed estimates), and steps marked done.
  CREATE TABLE case_dates (
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    due_date TEXT,
    done_date TEXT,
    PRIMARY KEY (case_id, kind)
  );

  CREATE TABLE bundles (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    compiled_date TEXT NOT NULL,
    page_count INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    path TEXT NOT NULL,
    rule_pack TEXT NOT NULL,
    numbering TEXT NOT NULL,
    issued INTEGER NOT NULL DEFAULT 0,
    plan TEXT NOT NULL,
    compliance_summary TEXT NOT NULL,
    verification TEXT NOT NULL,
    UNIQUE (case_id, version)
  );

  CREATE TABLE letters (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    template TEXT NOT NULL,
    fields TEXT NOT NULL,
    created_at TEXT NOT NULL,
    files TEXT NOT NULL
  );
  CREATE INDEX letters_case ON letters(case_id);
  `,
  // 2: tribunal orders (and LA notices in unopposed appeals) that start the LA's compliance periods
  `
  CREATE TABLE tribunal_orders (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    order_date TEXT NOT NULL,
    notes TEXT
  );
  CREATE INDEX tribunal_orders_case ON tribunal_orders(case_id);
  `,
  // 3: the law per proceeding (#13): a claim's continuing conduct and conciliation, phase transfers and
  // annual reviews, when a commissioner's 5 weeks start, and extra pages the tribunal allowed
  `
  ALTER TABLE cases ADD COLUMN conduct_end_date TEXT;
  ALTER TABLE cases ADD COLUMN conciliation_date TEXT;
  ALTER TABLE cases ADD COLUMN phase_transfer_date TEXT;
  ALTER TABLE cases ADD COLUMN phase_transfer_kind TEXT
    CHECK (phase_transfer_kind IS NULL OR phase_transfer_kind IN ('school','post-16','between-post-16'));
  ALTER TABLE cases ADD COLUMN annual_review_date TEXT;

  ALTER TABLE recommendations ADD COLUMN decision_sent_date TEXT;
  ALTER TABLE recommendations ADD COLUMN count_from TEXT NOT NULL DEFAULT 'made'
    CHECK (count_from IN ('made','sent'));

  CREATE TABLE page_allowances (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    part_id TEXT NOT NULL,
    pages INTEGER NOT NULL CHECK (pages > 0),
    granted_date TEXT NOT NULL,
    basis TEXT NOT NULL CHECK (basis IN ('direction','permission')),
    notes TEXT,
    UNIQUE (case_id, part_id)
  );
  CREATE INDEX page_allowances_case ON page_allowances(case_id);
  `,
  // 4: what import proposes (title, date) for the user to confirm, what import did to a file, and each
  // case's page settings for its bundles (JSON; the defaults in shared/bundle/settings.ts fill the gaps)
  `
  ALTER TABLE documents ADD COLUMN suggested_title TEXT;
  ALTER TABLE documents ADD COLUMN suggested_date TEXT;
  ALTER TABLE documents ADD COLUMN details_confirmed INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE documents ADD COLUMN import_notes TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE cases ADD COLUMN page_settings TEXT NOT NULL DEFAULT '{}';
  `,
  // 5: five roles (health and social care commissioners answer for themselves, not through an LA case),
  //    document kinds for the mediation certificate and the registration letter, drafts (answers typed
  //    but not saved yet), and removed documents kept for a while so a removal can be undone.
  (db) => {
    widenCheck(
      db,
      'cases',
      "CHECK (role IN ('parent','la','clerk'))",
      "CHECK (role IN ('parent','la','health-commissioner','social-care-commissioner','clerk'))",
    );
    widenCheck(
      db,
      'documents',
      "'working-document','expert-report','witness-statement','correspondence','other'))",
      "'working-document','expert-report','witness-statement','correspondence','mediation-certificate',\n" +
        "      'registration-letter','other'))",
    );
    db.exec(`
  -- An LA-side case set up by a commissioner (their party, and no LA officer) becomes theirs.
  UPDATE cases SET role = 'health-commissioner' WHERE role = 'la'
    AND EXISTS (SELECT 1 FROM parties p WHERE p.case_id = cases.id AND p.kind = 'health-commissioner')
    AND NOT EXISTS (SELECT 1 FROM parties p WHERE p.case_id = cases.id AND p.kind = 'la');
  UPDATE cases SET role = 'social-care-commissioner' WHERE role = 'la'
    AND EXISTS (SELECT 1 FROM parties p WHERE p.case_id = cases.id AND p.kind = 'social-care-commissioner')
    AND NOT EXISTS (SELECT 1 FROM parties p WHERE p.case_id = cases.id AND p.kind = 'la');

  -- Answers typed into a set-up or a letter and not saved yet, by screen (new-case, case:<id>:setup, …).
  CREATE TABLE drafts (
    key TEXT PRIMARY KEY,
    case_id INTEGER REFERENCES cases(id) ON DELETE CASCADE,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );

  -- A removed document's record, report details and witness links, so Undo can put it back. Its store
  -- files stay while it is here; housekeeping empties it after a day.
  CREATE TABLE removed_documents (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    removed_at TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    original_sha256 TEXT NOT NULL,
    record TEXT NOT NULL,
    report TEXT,
    witness_ids TEXT NOT NULL DEFAULT '[]'
  );
  CREATE INDEX removed_documents_document ON removed_documents(document_id);
  `);
  },
  // 6: bundle files recorded relative to the bundles folder (as letters are to theirs), so a data folder
  //    that is copied, restored or moved keeps its bundles. Absolute paths written before are cut at their
  //    last "bundles" folder, wherever the data folder was then.
  (db) => {
    const rows = all<{ id: number; path: string }>(db, 'SELECT id, path FROM bundles');
    const update = db.prepare('UPDATE bundles SET path = ? WHERE id = ?');
    for (const row of rows) {
      const relative = bundlePathInFolder(row.path);
      if (relative !== row.path) update.run(relative, row.id);
    }
  },
  // 7: every party holds the same bundle: each version's fingerprint (docs/fingerprint.md), the case's
  //    size limit for sending a bundle in parts (MB; null: the default in shared/bundle/settings.ts), and
  //    the files made from a version for sending it: a supplementary pack and delivery parts (paths
  //    relative to the bundles folder, as the versions' own).
  `
  ALTER TABLE bundles ADD COLUMN fingerprint TEXT;
  ALTER TABLE cases ADD COLUMN part_size_mb INTEGER;
  CREATE TABLE bundle_files (
    id INTEGER PRIMARY KEY,
    bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('supplement','part')),
    part INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    page_count INTEGER NOT NULL,
    details TEXT NOT NULL,
    UNIQUE (bundle_id, kind, part)
  );
  CREATE INDEX bundle_files_bundle ON bundle_files(bundle_id);
  `,
  // 8: the working document's numbered, dated versions (#19): the content each was made from (JSON,
  //    shared/workingDocument/model.ts), what changed since the one before, its files (relative to the
  //    letters folder) and the document it became in section B of the bundle.
  `
  CREATE TABLE working_document_versions (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    doc_date TEXT NOT NULL,
    content TEXT NOT NULL,
    changes TEXT NOT NULL,
    page_count INTEGER NOT NULL,
    docx_path TEXT NOT NULL,
    pdf_path TEXT NOT NULL,
    document_id INTEGER,
    created_at TEXT NOT NULL,
    UNIQUE (case_id, version)
  );
  `,
  // 9: text recognition (OCR): the searchable copy of a document (a derived file in the store; the PDF import
  // made stays in sha256), the pages it gave text to, and when it was made; a removed document keeps its
  // copy in the store while it can be put back
  `
  ALTER TABLE documents ADD COLUMN ocr_sha256 TEXT;
  ALTER TABLE documents ADD COLUMN ocr_pages TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE documents ADD COLUMN ocr_at TEXT;
  ALTER TABLE removed_documents ADD COLUMN ocr_sha256 TEXT;
  `,
  // 10: the pages of a document that go into bundles, when not all of them (null: every page)
  `
  ALTER TABLE documents ADD COLUMN kept_pages TEXT;
  `,
  // 11: the files in the store last found to be what their names say (their SHA-256), by size and
  //     modification time, so that a build hashes again only a file changed since (services/storedFiles.ts)
  `
  CREATE TABLE store_checks (
    sha256 TEXT PRIMARY KEY,
    size_bytes INTEGER NOT NULL,
    modified_ns TEXT NOT NULL,
    checked_at TEXT NOT NULL
  );
  `,
  // 12: the pages of a document with words under a box painted over them that are still in the file
  //     (pdf/inspect.ts, pagesWithCoveredText); null: not looked for yet (imported before import looked:
  //     documents/coveredText.ts looks before a bundle is planned)
  `
  ALTER TABLE documents ADD COLUMN covered_text_pages TEXT;
  `,
  // 13: the pages of a document with areas marked for redaction that were never redacted (pdf/inspect.ts,
  //     pagesWithRedactionMarks); null: not looked for yet (documents/coveredText.ts looks, as for 12)
  `
  ALTER TABLE documents ADD COLUMN redaction_mark_pages TEXT;
  `,
  // 14: words are now also taken as hidden under a pen's strokes, and out of view (a page cropped to cut
  //     them off, or clipped): every document's pages are looked through for them again, once, before a
  //     bundle is next planned (documents/coveredText.ts); a document whose hidden words were taken out is
  //     read as it is now (its pages pictures) and has none
  `
  UPDATE documents SET covered_text_pages = NULL WHERE covered_text_pages IS NOT NULL;
  `,
];

/** `…/bundles/3/v2.pdf` (either slash, any drive) → `3/v2.pdf`; a relative path is kept as it is. */
export function bundlePathInFolder(path: string): string {
  const slashed = path.replace(/\\/g, '/');
  if (!slashed.startsWith('/') && !/^[A-Za-z]:\//.test(slashed)) return path;
  const at = slashed.lastIndexOf('/bundles/');
  return at < 0 ? path : slashed.slice(at + '/bundles/'.length);
}

export const LATEST_VERSION = MIGRATIONS.length;

/**
 * Changes one CHECK of a table the only way SQLite allows: a new table made from the current one's own
 * CREATE statement (so every column added since, by anyone, comes along), the rows copied, the old table
 * dropped and the new one renamed (SQLite's documented 12 steps; migrate() has foreign keys off meanwhile
 * and checks them all before committing), and its indexes made again.
 */
function widenCheck(db: Database, table: string, from: string, to: string): void {
  const row = first<{ sql: string }>(
    db,
    "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
    table,
  );
  if (!row || !row.sql.includes(from)) throw new Error(`Table ${table} does not have ${from}.`);
  const indexes = all<{ sql: string }>(
    db,
    "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
    table,
  ).map((r) => r.sql);
  const created = row.sql
    .replace(from, to)
    .replace(/^CREATE TABLE ("?)(\w+)\1/, `CREATE TABLE ${table}_rebuilt`);
  db.exec(created);
  db.exec(`INSERT INTO ${table}_rebuilt SELECT * FROM ${table}`);
  db.exec(`DROP TABLE ${table}`);
  db.exec(`ALTER TABLE ${table}_rebuilt RENAME TO ${table}`);
  for (const sql of indexes) db.exec(sql);
}

export class NewerDatabaseError extends Error {
  constructor(found: number) {
    super(
      `This case file was saved by a newer version of SEND Bundle Builder (database version ${found}, ` +
        `this app knows up to ${LATEST_VERSION}). Please update the app; your data has not been changed.`,
    );
  }
}

export function currentVersion(db: Database): number {
  return first<{ user_version: number }>(db, 'PRAGMA user_version')?.user_version ?? 0;
}

/**
 * Applies every pending migration up to `target` in one transaction, so a failure leaves the database
 * as it was. Returns the versions applied.
 */
export function migrate(db: Database, target: number = LATEST_VERSION): number[] {
  const from = currentVersion(db);
  if (from > LATEST_VERSION) throw new NewerDatabaseError(from);
  if (target > LATEST_VERSION || target < from) throw new Error(`Cannot migrate from ${from} to ${target}.`);
  // Nothing to do: every command and every start opens the database, and checking every link between
  // records (below) took 0.015 s of a build's start in a folder of many bundle versions.
  if (from === target) return [];
  const applied: number[] = [];
  // Rebuilding a table (the only way to change a CHECK) needs foreign keys off, or dropping the old table
  // would cascade to its children. The pragma cannot change inside a transaction, so it is set around it,
  // and every key is checked before the transaction commits.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) === 1;
  if (foreignKeys) db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (let version = from + 1; version <= target; version++) {
        const step = MIGRATIONS[version - 1];
        if (typeof step === 'string') db.exec(step);
        else step(db);
        db.pragma(`user_version = ${version}`);
        applied.push(version);
      }
      const broken = all<Record<string, unknown>>(db, 'PRAGMA foreign_key_check');
      if (broken.length > 0)
        throw new Error(`Migrating to version ${target} would break ${broken.length} links between records.`);
    })();
  } finally {
    if (foreignKeys) db.pragma('foreign_keys = ON');
  }
  return applied;
}
