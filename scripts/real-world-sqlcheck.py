#!/usr/bin/env python3
"""Checks that the SQL in each rewrite of a hotcompat report.json is SQL PostgreSQL accepts.

Part of the real-world measurement (scripts/real-world.sh, docs/real-world.md). For every finding
with a rewrite, each statement of the rewrite (XML <sql>, YAML `sql:`, or formatted-SQL lines) is
run in a scratch schema on a local PostgreSQL. The tables are not known here, so missing tables
and columns are created as stubs (columns typed text) and the statement is retried: what remains
is an error PostgreSQL raises on the statement itself (syntax, unknown type, unknown function),
which is what a user would hit when deploying the rewrite. Errors that need the real data or
column types (e.g. a USING cast on a stub text column) are reported as "semantic (stub)" and are
not counted as invalid.

Usage: scripts/real-world-sqlcheck.py [name=value ...] report.json [more.json ...]
  name=value  a changelog property Liquibase substitutes at deploy time (e.g. gravitee_prefix=),
              replaced in the statements before they run; any other ${...} left is invalid.
Env: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), PGDATABASE (test).
"""
import html
import json
import os
import re
import subprocess
import sys

import yaml

SCHEMA = f"hotcompat_rwcheck_{os.getpid()}"  # one per process: runs may overlap
ENV = dict(os.environ)
for k, v in (("PGHOST", "127.0.0.1"), ("PGPORT", "5432"), ("PGUSER", "postgres"), ("PGDATABASE", "test")):
    ENV.setdefault(k, v)


def statements(rewrite):
    """The SQL statements a rewrite asks to deploy (not its rollbacks)."""
    out = []
    # XML: <sql>...</sql> outside <rollback>
    text = re.sub(r"<rollback>.*?</rollback>", "", rewrite, flags=re.S)
    for m in re.finditer(r"<sql(?:\s[^>]*)?>(.*?)</sql>", text, flags=re.S):
        body = html.unescape(re.sub(r"<!\[CDATA\[(.*?)\]\]>", r"\1", m.group(1), flags=re.S))
        out += [s.strip() for s in split_sql(body)]
    if out:
        return [s for s in out if s]
    # YAML: the "- changeSet:" blocks, parsed as YAML; every sql change outside rollback
    lines = rewrite.splitlines()
    blocks, cur = [], None
    for line in lines:
        if re.match(r"\s*- changeSet:\s*$", line):
            cur = [line]
            blocks.append(cur)
        elif cur is not None and (line.startswith("    ") or not line.strip()) and not re.match(r"\S", line):
            cur.append(line)
        else:
            cur = None
    for b in blocks:
        try:
            doc = yaml.safe_load("\n".join(b))
        except yaml.YAMLError:
            continue
        for item in doc or []:
            for ch in ((item or {}).get("changeSet") or {}).get("changes") or []:
                sql = (ch or {}).get("sql")
                if isinstance(sql, dict) and sql.get("sql"):
                    body = str(sql["sql"])
                    out += [body.strip()] if sql.get("splitStatements") is False else split_sql(body)
    if out:
        return [s.strip() for s in out if s.strip()]
    # Formatted SQL: statement lines after "--changeset", until "--rollback"
    sql, keep = [], False
    for line in lines:
        t = line.strip()
        if t.startswith("--changeset"):
            keep = True
            continue
        if t.startswith("--rollback") or t.startswith("--"):
            continue
        if keep and re.match(r"(?i)(ALTER|CREATE|DROP|UPDATE|INSERT|DELETE|WITH|SELECT|COMMENT|SET|LOCK|DO)\b", t):
            sql.append(t)
        elif keep and sql and t and not re.match(r"(?i)(Deploy|Application|Note)\b", t):
            sql[-1] += " " + t
    return [s for st in sql for s in split_sql(st)]


def split_sql(body):
    """Splits on ';' outside quotes and $$ bodies (DO blocks stay whole)."""
    parts, cur, q, i = [], "", None, 0
    while i < len(body):
        ch = body[i]
        if q:
            if body.startswith(q, i):
                cur += q
                i += len(q)
                q = None
                continue
            cur += ch
        elif ch in "'\"":
            q = ch
            cur += ch
        elif ch == "$" and re.match(r"\$\w*\$", body[i:]):
            q = re.match(r"\$\w*\$", body[i:]).group(0)
            cur += q
            i += len(q)
            continue
        elif ch == ";":
            parts.append(cur)
            cur = ""
        else:
            cur += ch
        i += 1
    parts.append(cur)
    return [p.strip() for p in parts if p.strip()]


def run(sql):
    """Runs a script; returns (index of the failing statement or None, SQLSTATE, message)."""
    script = "\\set VERBOSITY verbose\nSET client_min_messages=warning;\n" + sql
    p = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1"], input=script, capture_output=True,
                       text=True, env=ENV)
    if p.returncode == 0:
        return None, None, None
    done = re.findall(r"^@@ (\d+)$", p.stdout, flags=re.M)
    idx = int(done[-1]) if done else -1
    m = re.search(r"ERROR:\s+([0-9A-Z]{5}): (.*)", p.stderr)
    return idx, (m.group(1) if m else "?????"), (m.group(2) if m else p.stderr.strip())


def check(stmts):
    """Runs a rewrite's statements in order on stubs; yields (statement, verdict, detail) for each that fails."""
    stubs, skip, out = [], set(), []
    for _ in range(60):
        body = [f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE;", f"CREATE SCHEMA {SCHEMA};",
                f"SET search_path={SCHEMA};"] + stubs
        for i, st in enumerate(stmts):
            if i in skip:
                continue
            body.append(f"\\echo @@ {i}\n{st};")
        idx, code, msg = run("\n".join(body) + "\n")
        if idx is None:
            return out
        if idx < 0:  # the stubs themselves failed: nothing after this was checked
            out += [(st, "semantic (stub)", f"unchecked: stub setup failed: {code}: {msg}")
                    for i, st in enumerate(stmts) if i not in skip]
            return out
        st = stmts[idx]
        m = re.match(r'relation "([^"]+)" does not exist', msg or "")
        if code == "42P01" and m:
            stubs.append(f'CREATE TABLE IF NOT EXISTS "{m.group(1)}" ();')
            continue
        m = re.match(r'there is no unique constraint matching given keys for referenced table "([^"]+)"', msg or "")
        ref = re.search(r'(?i)REFERENCES\s+("?[\w.$]+"?)\s*\(([^)]*)\)', st)
        if code == "42830" and m and ref and f"-- unique {m.group(1)}" not in stubs:
            cols = [c.strip().strip('"') for c in ref.group(2).split(",")]
            stubs += [f'ALTER TABLE "{m.group(1)}" ADD COLUMN IF NOT EXISTS "{c}" text;' for c in cols]
            stubs += [f'ALTER TABLE "{m.group(1)}" ADD UNIQUE ({", ".join(chr(34) + c + chr(34) for c in cols)});',
                      f"-- unique {m.group(1)}"]
            continue
        m = re.match(r'column "([^"]+)" of relation "([^"]+)" does not exist', msg) or \
            re.match(r'column "([^"]+)" (?:named in key |referenced in foreign key constraint )?does not exist', msg)
        table = (m.group(2) if m and m.re.groups > 1 else first_table(st)) if m else None
        if m and "foreign key" in msg and ref and m.group(1).lower() in \
                [c.strip().strip('"').lower() for c in ref.group(2).split(",")] and \
                not re.search(r'(?i)FOREIGN KEY\s*\([^)]*\b' + re.escape(m.group(1)) + r'\b', st):
            table = ref.group(1).strip('"').lower()  # the referenced table's column
        if m and "foreign key" in msg and ref and table and f'"{table}" ADD COLUMN "{m.group(1)}"' in " ".join(stubs):
            table = ref.group(1).strip('"').lower()  # same name on both sides: the base one exists already
        if code == "42703" and m and table and f'"{table}" ADD COLUMN "{m.group(1)}"' not in " ".join(stubs):
            stubs.append(f'CREATE TABLE IF NOT EXISTS "{table}" ();')
            stubs.append(f'ALTER TABLE "{table}" ADD COLUMN "{m.group(1)}" text;')
            continue
        if code in ("42601", "42704", "42883", "0A000", "42P16", "42611") and not stub_type_issue(code, msg) \
                and not re.search(r'(index|constraint) "[^"]+" ((of relation|for table) "[^"]+" )?does not exist', msg):
            out.append((st, "invalid", f"{code}: {msg}"))
        else:
            out.append((st, "semantic (stub)", f"{code}: {msg}"))
        skip.add(idx)
    out.append(("(all)", "semantic (stub)", "gave up creating stubs"))
    return out


def stub_type_issue(code, msg):
    # Our stub columns are text: operators/functions on them may not exist though they do on the real column.
    return code in ("42883", "42804") and re.search(r"\btext\b", msg) is not None


def first_table(stmt):
    m = re.search(r'(?i)\b(?:ALTER TABLE(?: ONLY)?(?: IF EXISTS)?|UPDATE|FROM|INSERT INTO|ON)\s+("?[\w.$]+"?)', stmt)
    return m.group(1).strip('"').lower() if m else None


def main(args):
    props = dict(a.split("=", 1) for a in args if "=" in a and not a.endswith(".json"))
    paths = [a for a in args if a.endswith(".json")]
    invalid = 0
    for path in paths:
        r = json.load(open(path))
        seen, counts = set(), {"ok": 0, "invalid": 0, "semantic (stub)": 0}
        for f in r.get("findings", []):
            if not f.get("rewrite") or f.get("suppressed") or f["rewrite"] in seen:
                continue
            seen.add(f["rewrite"])
            stmts = statements(f["rewrite"])
            for k, v in props.items():
                stmts = [st.replace("${" + k + "}", v) for st in stmts]
            bad = [s for s in stmts if re.search(r"\$\{[^}]*\}", s)]
            results = [(s, "invalid", "unresolved changelog property " + re.search(r"\$\{[^}]*\}", s).group(0))
                       for s in bad]
            results += check([s for s in stmts if s not in bad]) if len(bad) < len(stmts) else []
            counts["ok"] += len(stmts) - len(results)
            for st, verdict, detail in results:
                counts[verdict] += 1
                where = f"{f['file']}:{f['line']} [{f['changeSet']['id']}] {f['ruleId']} ({f['severity']})"
                print(f"{verdict.upper():16} {where}\n    {st[:300]}\n    -> {detail[:300]}")
                invalid += verdict == "invalid"
        print(f"== {path}: {len(seen)} distinct rewrites, statements: {counts['ok']} ok, {counts['invalid']} invalid, "
              f"{counts['semantic (stub)']} semantic (stub)")
    run(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE;")
    return 1 if invalid else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))
