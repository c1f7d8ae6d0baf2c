#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Check the table of ported Peios integration cases against the kselftests.

The table (tools/testing/selftests/kacs/peios-cases.txt) has one line per
case of peios-integration-cases.md whose verdict is P, Pp, E, Ep or DA:

    <file> <case>  <verdict>  <binary>:<TEST name>
    <file> <case>  <verdict>  <binary>:<fixture>.<variant>.<TEST_F name>
    <file> <case>  <verdict>  omitted: <reason>

The check fails (exit 1) when
  * a line is malformed or a case is listed twice;
  * a listed test does not exist in tools/testing/selftests/kacs/<binary>.c
    (TEST(name) or TEST_F(fixture, name); with a variant, TEST_F(fixture,
    name) and FIXTURE_VARIANT_ADD(fixture, variant));
  * the test's source does not cite the case ("<file> <case>", where the
    number may be part of a list or range such as "token-adjustment 2-9");
  * with --cases PAGE: an in-scope case of the page is missing from the
    table, or the table lists a case the page does not have in scope;
  * with --min-coverage N: fewer than N percent of the cases have a test.

Usage: scripts/check-case-table.py [--cases PAGE] [--min-coverage N]
       scripts/check-case-table.py --generate --cases PAGE  (prints a table)
"""

import argparse
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TESTDIR = os.path.join(ROOT, "tools/testing/selftests/kacs")
TABLE = os.path.join(TESTDIR, "peios-cases.txt")
IN_SCOPE = ("P", "Pp", "E", "Ep", "DA")


def page_cases(path):
    """In-scope cases of the page: list of (file, case, verdict)."""
    out, cur = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"#### (\S+)\.test\.lua", line)
            if m:
                cur = m.group(1)
                continue
            if not cur or not line.startswith("| ") or line.startswith("| #"):
                continue
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) < 4:
                continue
            v = re.match(r"\*\*([A-Za-z*]+)\*\*", cells[-1])
            if not v or v.group(1) not in IN_SCOPE:
                continue
            num = cells[0]
            if num in ("—", "-"):
                num = "audit_policy"
            out.append((cur, num, v.group(1)))
    return out


def cited(text, file, case):
    """Does @text cite case @case of @file (lists and ranges allowed)?"""
    if not case.isdigit():
        return re.search(re.escape(f"{file} {case}") + r"\b", text) is not None
    n = int(case)
    item = r"\d+(?:-\d+)?(?: \([^)]*\))?"
    sep = r"(?:,\s*(?:\*\s*)?| and |\s+and\s+)"
    for m in re.finditer(re.escape(file) + r" (" + item + r"(?:" + sep +
                         item + r")*)", text):
        listed = re.sub(r"\([^)]*\)", "", m.group(1))
        for part in re.findall(r"\d+(?:-\d+)?", listed):
            if "-" in part:
                lo, hi = (int(x) for x in part.split("-"))
                if lo <= n <= hi:
                    return True
            elif int(part) == n:
                return True
    return False


def tests_of(src):
    """Names of the TEST/TEST_F of a source, with their line numbers."""
    out = {}
    for i, line in enumerate(src.split("\n")):
        m = re.match(r"TEST(?:_F)?\((?:\w+, *)?(\w+)\)", line)
        if m:
            out[m.group(1)] = i
    return out


def load_sources():
    srcs = {}
    for name in os.listdir(TESTDIR):
        if name.endswith("_test.c"):
            with open(os.path.join(TESTDIR, name), encoding="utf-8") as f:
                srcs[name[:-2]] = f.read()
    return srcs


def generate(cases, srcs):
    """Map each case to the TEST whose body or preceding text cites it."""
    for file, case, verdict in cases:
        found = None
        for binary, src in sorted(srcs.items()):
            lines = src.split("\n")
            tests = sorted(tests_of(src).items(), key=lambda t: t[1])
            for i, line in enumerate(lines):
                if not cited(line, file, case):
                    continue
                # the enclosing TEST, else the next one
                enclosing = [t for t in tests if t[1] <= i]
                following = [t for t in tests if t[1] > i]
                if enclosing:
                    name, start = enclosing[-1]
                    end = next((j for j in range(start + 1, len(lines))
                                if lines[j] == "}"), len(lines))
                    if i <= end:
                        found = f"{binary}:{name}"
                        break
                if following:
                    found = f"{binary}:{following[0][0]}"
                    break
            if found:
                break
        print(f"{file} {case}\t{verdict}\t{found or 'omitted: no test yet'}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases")
    ap.add_argument("--min-coverage", type=float, default=0.0)
    ap.add_argument("--generate", action="store_true")
    args = ap.parse_args()
    srcs = load_sources()
    if args.generate:
        if not args.cases:
            ap.error("--generate needs --cases")
        generate(page_cases(args.cases), srcs)
        return 0

    errors, rows, seen = [], [], set()
    with open(TABLE, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            m = re.match(r"(\S+) (\S+)$", parts[0])
            if len(parts) != 3 or not m or parts[1] not in IN_SCOPE:
                errors.append(f"{TABLE}:{no}: malformed line")
                continue
            key = (m.group(1), m.group(2))
            if key in seen:
                errors.append(f"{TABLE}:{no}: {parts[0]} listed twice")
            seen.add(key)
            rows.append((key, parts[1], parts[2], no))

    tested = 0
    for (file, case), verdict, target, no in rows:
        if target.startswith("omitted: ") and len(target) > 9:
            continue
        m = re.match(r"(\w+):(?:(\w+)\.(\w+)\.)?(\w+)$", target)
        if not m or m.group(1) not in srcs:
            errors.append(f"{TABLE}:{no}: {file} {case}: no such test "
                          f"binary in '{target}'")
            continue
        src = srcs[m.group(1)]
        if m.group(2):
            exists = (re.search(r"^TEST_F(?:_\w+)?\(%s, *%s\b" %
                                (m.group(2), m.group(4)), src, re.M) and
                      re.search(r"^FIXTURE_VARIANT_ADD\(%s, *%s\)" %
                                (m.group(2), m.group(3)), src, re.M))
        else:
            exists = m.group(4) in tests_of(src)
        if not exists:
            errors.append(f"{TABLE}:{no}: {file} {case}: "
                          f"{target} does not exist")
            continue
        if not cited(src, file, case):
            errors.append(f"{TABLE}:{no}: {file} {case}: "
                          f"{m.group(1)}.c does not cite the case")
            continue
        tested += 1

    if args.cases:
        page = {(f, c): v for f, c, v in page_cases(args.cases)}
        for key, verdict in page.items():
            if key not in seen:
                errors.append(f"{key[0]} {key[1]} ({verdict}): "
                              "not in the table")
        for (key, verdict, _, no) in rows:
            if key not in page:
                errors.append(f"{TABLE}:{no}: {key[0]} {key[1]} is not an "
                              "in-scope case of the page")
            elif page[key] != verdict:
                errors.append(f"{TABLE}:{no}: {key[0]} {key[1]}: verdict "
                              f"{verdict}, page says {page[key]}")

    total = len(rows)
    pct = 100.0 * tested / total if total else 0.0
    for e in errors:
        print("check-case-table: " + e, file=sys.stderr)
    print(f"check-case-table: {tested}/{total} cases have a test "
          f"({pct:.1f}%), {total - tested} omitted")
    if pct < args.min_coverage:
        print(f"check-case-table: coverage below {args.min_coverage}%",
              file=sys.stderr)
        return 1
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
