#!/usr/bin/env python3
"""Writes an ally JSON export of a large, made-up store (for measuring `ally sync`).

    bench/sync_store.py ALLIES INTERACTIONS > big.json
    ally --db big.db import big.json

Deterministic (seeded), so figures can be compared between runs.
"""
import json
import random
import sys
import uuid

rng = random.Random(42)


def uid():
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def stamp(day):
    return f"{day}T12:00:00.000Z"


def date(i):
    year = 2000 + (i // 336) % 26
    return f"{year:04}-{(i // 28) % 12 + 1:02}-{i % 28 + 1:02}"


def main():
    allies_n, interactions_n = int(sys.argv[1]), int(sys.argv[2])
    out = sys.stdout
    out.write('{"format":"ally","version":1,"exported_at":"2026-11-24T12:00:00.000Z","allies":[')
    ids = []
    for i in range(allies_n):
        a = uid()
        ids.append(a)
        d = date(i)
        rec = {"id": a, "created_at": stamp(d), "updated_at": stamp(d),
               "name": f"Person {i} Example", "org": f"Org {i % 300}", "city": "Lisbon",
               "emails": [f"p{i}@example.org"], "circle": rng.choice(["inner", "core", "network"]),
               "tags": ["work"], "notes": "met at a conference; likes hiking and jazz"}
        out.write(("," if i else "") + json.dumps(rec, ensure_ascii=False))
    out.write('],"interactions":[')
    kinds = ["coffee", "call", "meeting", "message", "email", "lunch"]
    for i in range(interactions_n):
        d = date(i)
        rec = {"id": uid(), "created_at": stamp(d), "updated_at": stamp(d), "date": d,
               "kind": rng.choice(kinds),
               "note": f"talked about project {i % 977}, their team and next steps",
               "allies": [ids[rng.randrange(allies_n)]]}
        out.write(("," if i else "") + json.dumps(rec, ensure_ascii=False))
    out.write("]}\n")


main()
