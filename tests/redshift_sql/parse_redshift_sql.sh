#!/usr/bin/env bash
# Parses every statement the Redshift engine can send with sqlfluff's Redshift
# dialect and fails on any unparsable section. The statements are the golden files
# of tests/data/redshift-golden/ (the RedshiftGolden unit tests prove them equal,
# byte for byte, to what the engine generates): every statement file, the rendered
# COPY, and the --dry-run plans of init (both d_time distributions), load (both
# staging paths) and replay.
#
#   tests/redshift_sql/parse_redshift_sql.sh
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
golden=$here/../data/redshift-golden
command -v sqlfluff >/dev/null || { echo "sqlfluff is not installed (scripts/install-deps.sh)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$golden/sql" "$golden"/*.sql "$work"/
# The schema files are parsed as rendered, in the init plans.
rm -rf "$work/sql/schema"
# A multi-row INSERT's head is sent with its rows after it: parse it with one row.
# (The staging writer's heads are in the load plans, each with a row.)
printf '($1, $2, $3, $4)\n' >>"$work/sql/names/insert.sql"

# The plans repeat the statement files' text: each distinct statement (a run of lines
# between blank lines, comments aside) is parsed once, in a file named after the first
# file and the position it stands at there.
files=$(find "$work" -name '*.sql' | wc -l)
python3 - "$work" <<'PY'
import pathlib, sys
work = pathlib.Path(sys.argv[1])
files = sorted(work.rglob("*.sql"))
parts = work / "parts"
parts.mkdir()
seen = set()
for path in files:
    name = str(path.relative_to(work).with_suffix("")).replace("/", "__")
    for n, chunk in enumerate(path.read_text().split("\n\n"), start=1):
        lines = (l.strip() for l in chunk.splitlines())
        code = "\n".join(l for l in lines if l and not l.startswith("--"))
        if code and code not in seen:
            seen.add(code)
            (parts / f"{name}.part{n}.sql").write_text(chunk.strip("\n") + "\n")
    path.unlink()
PY
cp "$here/sqlfluff.cfg" "$work/.sqlfluff"

count=$(find "$work" -name '*.sql' | wc -l)
(cd "$work" && sqlfluff lint --rules L001 --nofail --format json . >"$work/lint.json" 2>"$work/lint.err") || {
  cat "$work/lint.err" >&2
  exit 1
}
python3 - "$work/lint.json" "$count" "$files" <<'PY'
import json, sys
files = json.load(open(sys.argv[1]))
problems = [(f["filepath"], v["line_no"], v["description"])
            for f in files for v in f["violations"] if v["code"] == "PRS"]
for path, line, what in problems:
    print(f"{path}:{line}: {what}")
print(f"{sys.argv[2]} distinct Redshift statements of {sys.argv[3]} files parsed, {len(problems)} unparsable sections")
sys.exit(1 if problems else 0)
PY
