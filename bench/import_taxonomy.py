"""Benchmark: the full taxonomy import (ESCO + licences + search index) into a fresh database.

Prints the time of a first import and of a re-import, against two baselines measured in the
same run on the same files:
  - read-only: reading and validating the compact files, no database (the floor of any import);
  - raw-sqlite: inserting the same concept and relation rows with the sqlite3 module's
    executemany, no validation, no ORM, no search index (what a minimal loader would cost).
Goal from issue #2: the full import under 60 s on a 2-core machine.

    .venv/bin/python bench/import_taxonomy.py            # SQLite in a temporary file
    DATABASE_URL=postgres://... .venv/bin/python bench/import_taxonomy.py
"""

import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def run_manage(env: dict, *args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)
    return time.perf_counter() - started


def read_only_seconds() -> float:
    from kohtaamo.taxonomy.reference_files import read_esco

    started = time.perf_counter()
    read_esco(ROOT / "data" / "reference" / "esco")
    return time.perf_counter() - started


def raw_sqlite_seconds() -> float:
    from kohtaamo.taxonomy.reference_files import read_esco

    data = read_esco(ROOT / "data" / "reference" / "esco")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        db = sqlite3.connect(Path(tmp) / "raw.sqlite3")
        db.execute("CREATE TABLE c (id INTEGER PRIMARY KEY, uri TEXT UNIQUE, kind, fi, sv, en)")
        db.execute("CREATE TABLE r (a TEXT, b TEXT, rel TEXT)")
        db.executemany(
            "INSERT INTO c (uri, kind, fi, sv, en) VALUES (?, ?, ?, ?, ?)",
            [
                (c["uri"], c["kind"], c["label_fi"], c["label_sv"], c["label_en"])
                for c in data.concepts
            ],
        )
        db.executemany("INSERT INTO r VALUES (?, ?, ?)", data.occupation_skills)
        db.executemany("INSERT INTO r VALUES (?, ?, ?)", data.skill_relations)
        db.executemany("INSERT INTO r VALUES (?, ?, '')", data.broader)
        db.commit()
        db.close()
    return time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "KOHTAAMO_DEBUG": "1"}
        env.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
        backend = env["DATABASE_URL"].split(":", 1)[0]
        run_manage(env, "migrate", "-v0")
        first = run_manage(env, "import_taxonomy", "-v0")
        again = run_manage(env, "import_taxonomy", "-v0")
    read_only = read_only_seconds()
    raw = raw_sqlite_seconds()
    print(f"taxonomy import benchmark ({backend}, {os.cpu_count()} cores)")
    verdict = "met" if first < 60 else "NOT met"
    print(f"  first import        {first:7.1f} s   (goal < 60 s: {verdict})")
    print(f"  re-import           {again:7.1f} s")
    ratio = first / read_only
    print(f"  baseline read-only  {read_only:7.1f} s   import / read-only  = {ratio:5.1f}x")
    print(f"  baseline raw-sqlite {raw:7.1f} s   import / raw-sqlite = {first / raw:5.1f}x")


if __name__ == "__main__":
    main()
