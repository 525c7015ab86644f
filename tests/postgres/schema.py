"""Both backends' schemas described the same way, so a test can compare them.

A schema is a dict of comparable parts: tables and their columns (normalised type, NOT NULL,
default), primary keys, unique constraints (by columns: their names are made up by each
database), named indexes (table, unique, columns, partial), and foreign keys. Types are
normalised to SQLite's affinities: BIGINT/INTEGER -> "integer", TEXT -> "text", REAL/DOUBLE
PRECISION -> "real". An expression in an index (``lower(name)``)
is shown as written by PostgreSQL (``lower(name)``); a column with the case-insensitive
collation as ``name COLLATE nocase`` on both.
"""

from __future__ import annotations

import re
from typing import Any

from db.database import Database

Schema = dict[str, Any]

_TYPES = {
    "integer": "integer",
    "bigint": "integer",
    "smallint": "integer",
    "text": "text",
    "real": "real",
    "double precision": "real",
}


def _type(declared: str) -> str:
    return _TYPES.get(declared.strip().lower(), declared.strip().lower())


def _default(value: Any) -> str | None:
    """``'pending'`` and ``'pending'::text`` alike; numbers as written; identity as None."""
    if value is None:
        return None
    text = str(value).strip()
    text = re.sub(r"::[a-z ]+$", "", text)  # PostgreSQL's casts
    text = text.strip("()")
    return text


def _sqlite_key(column: Any) -> str:
    """An index column, with SQLite's NOCASE written as the baseline's ``COLLATE nocase``."""
    if column["name"] is None:
        return "<expr>"
    if str(column["coll"]).upper() == "NOCASE":
        return f"{column['name']} COLLATE nocase"
    return str(column["name"])


async def describe_sqlite(db: Database) -> Schema:
    """The schema of a SQLite database."""
    tables = [
        r[0]
        for r in await db.fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    columns: dict[str, dict[str, tuple[str, bool, str | None]]] = {}
    keys: dict[str, tuple[str, ...]] = {}
    uniques: dict[str, set[tuple[tuple[str, ...], bool]]] = {}
    indexes: dict[str, tuple[str, bool, tuple[str, ...], bool]] = {}
    foreign: dict[str, set[tuple[str, str, str, str]]] = {}
    for table in tables:
        info = await db.fetchall(f'PRAGMA table_info("{table}")')
        pk = tuple(r["name"] for r in sorted((r for r in info if r["pk"]), key=lambda r: r["pk"]))
        keys[table] = pk
        columns[table] = {
            r["name"]: (
                _type(r["type"]),
                bool(r["notnull"]) or r["name"] in pk,
                # SQLite's row id alias gets its value from the row id, PostgreSQL's from
                # the identity: neither is a default.
                _default(r["dflt_value"]),
            )
            for r in info
        }
        uniques[table] = set()
        for index in await db.fetchall(f'PRAGMA index_list("{table}")'):
            cols = tuple(
                _sqlite_key(r)
                for r in await db.fetchall(f'PRAGMA index_xinfo("{index["name"]}")')
                if r["key"]
            )
            if index["origin"] == "pk":
                continue
            if index["origin"] == "u":
                uniques[table].add((cols, False))
            else:
                indexes[index["name"]] = (
                    table,
                    bool(index["unique"]),
                    cols,
                    bool(index["partial"]),
                )
        foreign[table] = {
            (r["from"], r["table"], r["to"], r["on_delete"].upper())
            for r in await db.fetchall(f'PRAGMA foreign_key_list("{table}")')
        }
    return {
        "tables": sorted(tables),
        "columns": columns,
        "primary keys": keys,
        "unique constraints": uniques,
        "indexes": indexes,
        "foreign keys": foreign,
    }


_ON_DELETE = {
    "a": "NO ACTION",
    "r": "RESTRICT",
    "c": "CASCADE",
    "n": "SET NULL",
    "d": "SET DEFAULT",
}


async def describe_postgres(db: Database) -> Schema:
    """The schema of a PostgreSQL database (the public schema, less ``kindred_schema``)."""
    tables = [
        r[0]
        for r in await db.fetchall(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            " AND table_name <> 'kindred_schema'"
        )
    ]
    columns: dict[str, dict[str, tuple[str, bool, str | None]]] = {}
    keys: dict[str, tuple[str, ...]] = {}
    uniques: dict[str, set[tuple[tuple[str, ...], bool]]] = {}
    indexes: dict[str, tuple[str, bool, tuple[str, ...], bool]] = {}
    foreign: dict[str, set[tuple[str, str, str, str]]] = {}
    for table in tables:
        info = await db.fetchall(
            "SELECT column_name, data_type, is_nullable, column_default, is_identity"
            " FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ?"
            " ORDER BY ordinal_position",
            (table,),
        )
        columns[table] = {
            r["column_name"]: (
                _type(r["data_type"]),
                r["is_nullable"] == "NO",
                None if r["is_identity"] == "YES" else _default(r["column_default"]),
            )
            for r in info
        }
        rows = await db.fetchall(
            "SELECT i.relname AS name, x.indisprimary AS is_pk, x.indisunique AS is_unique,"
            " x.indpred IS NOT NULL AS partial,"
            " EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) AS backs,"
            " ARRAY(SELECT CASE WHEN k.n = 0"
            "              THEN pg_get_indexdef(x.indexrelid, k.o::int, true)"
            "              WHEN co.collname = 'nocase' THEN a.attname || ' COLLATE nocase'"
            "              ELSE a.attname::text END"
            "       FROM unnest(x.indkey) WITH ORDINALITY AS k(n, o)"
            "       LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.n"
            "       LEFT JOIN pg_collation co ON co.oid = x.indcollation[k.o - 1]"
            "       ORDER BY k.o) AS cols"
            " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
            " WHERE x.indrelid = ?::regclass",
            (table,),
        )
        keys[table] = ()
        uniques[table] = set()
        for r in rows:
            cols = tuple(r["cols"])
            if r["is_pk"]:
                keys[table] = cols
            elif r["backs"]:
                uniques[table].add((cols, False))
            else:
                indexes[r["name"]] = (table, bool(r["is_unique"]), cols, bool(r["partial"]))
        foreign[table] = {
            (r["col"], r["ref"], r["ref_col"], _ON_DELETE[r["action"]])
            for r in await db.fetchall(
                "SELECT a.attname AS col, rt.relname AS ref, ra.attname AS ref_col,"
                " c.confdeltype::text AS action"
                " FROM pg_constraint c"
                " JOIN pg_class rt ON rt.oid = c.confrelid"
                " JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]"
                " JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1]"
                " WHERE c.contype = 'f' AND c.conrelid = ?::regclass",
                (table,),
            )
        }
    return {
        "tables": sorted(tables),
        "columns": columns,
        "primary keys": keys,
        "unique constraints": uniques,
        "indexes": indexes,
        "foreign keys": foreign,
    }


def differences(sqlite: Schema, postgres: Schema) -> list[str]:
    """Every way the two schemas differ, one line each (empty when they agree)."""
    found: list[str] = []
    for part in sqlite:
        left, right = sqlite[part], postgres[part]
        if isinstance(left, list):
            for name in sorted(set(left) ^ set(right)):
                side = "SQLite" if name in left else "PostgreSQL"
                found.append(f"{part}: {name} only on {side}")
            continue
        for name in sorted(set(left) | set(right)):
            a, b = left.get(name), right.get(name)
            if isinstance(a, dict) and isinstance(b, dict):
                for col in sorted(set(a) | set(b)):
                    if a.get(col) != b.get(col):
                        found.append(
                            f"{part}: {name}.{col}: SQLite {a.get(col)} != PostgreSQL {b.get(col)}"
                        )
            elif a != b:
                found.append(f"{part}: {name}: SQLite {a} != PostgreSQL {b}")
    return found
