#!/usr/bin/env python3
"""Checks a staged Maven repository against what Maven Central requires of a deployment.

    python3 scripts/check-central.py [--allow-snapshot] [--require-signatures] STAGING_DIR

STAGING_DIR is what `mvn -Prelease deploy` wrote (by default target/staging, a file: repository).
For every artifact version in it:
  - the pom has groupId, artifactId, version, name, description, url, a licence (name and url),
    developers (each with a name or id) and scm (url and connection); like Central, elements
    a pom inherits are looked up in its parent, which must be staged too;
  - packaging other than pom: the main jar, a -sources.jar and a -javadoc.jar, each a zip that is
    not empty;
  - every file has .md5 and .sha1 files that match its content; with --require-signatures also an
    .asc signature (signing needs a key, so a local run skips it);
  - the version is a release, not a -SNAPSHOT (--allow-snapshot for a test run; the timestamped
    file names of a snapshot deployment are then read as the version's files).
Prints one line per artifact and every problem; exits 1 if there is any.
"""

import argparse
import hashlib
import os
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

NS = {"m": "http://maven.apache.org/POM/4.0.0"}
CHECKSUMS = (("md5", hashlib.md5), ("sha1", hashlib.sha1))


def text(pom, path):
    node = pom.find(path, NS)
    return node.text.strip() if node is not None and node.text and node.text.strip() else None


class Staged:
    """One artifact version directory of the staging repository."""

    def __init__(self, root, directory):
        self.directory = directory
        parts = os.path.relpath(directory, root).split(os.sep)
        self.group, self.artifact, self.version = ".".join(parts[:-2]), parts[-2], parts[-1]
        files = sorted(f for f in os.listdir(directory) if not f.startswith("maven-metadata"))
        self.files = [f for f in files if not f.endswith((".md5", ".sha1", ".sha256", ".sha512", ".asc"))]
        poms = [f for f in self.files if f.endswith(".pom")]
        # A snapshot deployment may hold several timestamped builds: take the newest.
        self.pom_file = max(poms) if poms else None
        self.stem = self.pom_file[: -len(".pom")] if self.pom_file else None
        self.pom = ET.parse(os.path.join(directory, self.pom_file)).getroot() if self.pom_file else None

    def classified(self, suffix):
        name = f"{self.stem}{suffix}"
        return name if name in self.files else None


def lookup(staged, by_coordinates, path):
    """The value of path in the pom or, inherited, in its parents."""
    seen = set()
    current = staged
    while current is not None and current.pom is not None:
        value = current.pom.find(path, NS)
        if value is not None:
            return value
        parent = current.pom.find("m:parent", NS)
        if parent is None:
            return None
        key = (text(parent, "m:groupId"), text(parent, "m:artifactId"), text(parent, "m:version"))
        if key in seen:
            return None
        seen.add(key)
        current = by_coordinates.get(key)
    return None


def check(staged, by_coordinates, args):
    problems = []
    if staged.pom is None:
        return ["no .pom"]
    pom = staged.pom
    group = text(pom, "m:groupId") or text(pom, "m:parent/m:groupId")
    version = text(pom, "m:version") or text(pom, "m:parent/m:version")
    if (group, text(pom, "m:artifactId"), version) != (staged.group, staged.artifact, staged.version):
        problems.append(f"pom coordinates {group}:{text(pom, 'm:artifactId')}:{version} do not match the directory")
    if version and version.endswith("-SNAPSHOT") and not args.allow_snapshot:
        problems.append(f"version {version} is a snapshot: Central takes releases only")
    if not text(pom, "m:name"):
        problems.append("no <name>")
    for element in ("description", "url"):
        node = lookup(staged, by_coordinates, f"m:{element}")
        if node is None or not (node.text or "").strip():
            problems.append(f"no <{element}> (nor in a parent)")
    licenses = lookup(staged, by_coordinates, "m:licenses")
    if licenses is None or not [l for l in licenses.findall("m:license", NS) if text(l, "m:name") and text(l, "m:url")]:
        problems.append("no <licenses><license> with name and url (nor in a parent)")
    developers = lookup(staged, by_coordinates, "m:developers")
    if developers is None or not [
        d for d in developers.findall("m:developer", NS) if text(d, "m:name") or text(d, "m:id")
    ]:
        problems.append("no <developers><developer> with a name or id (nor in a parent)")
    scm = lookup(staged, by_coordinates, "m:scm")
    if scm is None or not text(scm, "m:url") or not text(scm, "m:connection"):
        problems.append("no <scm> with url and connection (nor in a parent)")

    packaging = text(pom, "m:packaging") or "jar"
    if packaging != "pom":
        for suffix in (".jar", "-sources.jar", "-javadoc.jar"):
            name = staged.classified(suffix)
            if name is None:
                problems.append(f"no {staged.stem}{suffix}")
                continue
            try:
                with zipfile.ZipFile(os.path.join(staged.directory, name)) as z:
                    if not [n for n in z.namelist() if not n.endswith("/") and not n.startswith("META-INF/maven/")]:
                        problems.append(f"{name} holds no files")
            except zipfile.BadZipFile:
                problems.append(f"{name} is not a zip file")

    for name in staged.files:
        path = os.path.join(staged.directory, name)
        with open(path, "rb") as f:
            content = f.read()
        for extension, algorithm in CHECKSUMS:
            sidecar = f"{path}.{extension}"
            if not os.path.isfile(sidecar):
                problems.append(f"no {name}.{extension}")
                continue
            with open(sidecar, encoding="ascii") as f:
                recorded = f.read().split()
            if not recorded or recorded[0].lower() != algorithm(content).hexdigest():
                problems.append(f"{name}.{extension} does not match {name}")
        if args.require_signatures and not os.path.isfile(f"{path}.asc"):
            problems.append(f"no {name}.asc signature")
    return problems


def main(argv):
    parser = argparse.ArgumentParser(prog="check-central.py", description=__doc__.split("\n")[0])
    parser.add_argument("staging")
    parser.add_argument("--allow-snapshot", action="store_true")
    parser.add_argument("--require-signatures", action="store_true")
    args = parser.parse_args(argv)
    if not os.path.isdir(args.staging):
        print(f"check-central: {args.staging} is not a directory (run mvn -Prelease deploy first)", file=sys.stderr)
        return 2
    staged = []
    for directory, _, files in os.walk(args.staging):
        if any(f.endswith(".pom") for f in files):
            staged.append(Staged(args.staging, directory))
    if not staged:
        print(f"check-central: no artifacts under {args.staging}", file=sys.stderr)
        return 2
    by_coordinates = {(s.group, s.artifact, s.version): s for s in staged}
    failed = 0
    for s in sorted(staged, key=lambda s: (s.group, s.artifact)):
        problems = check(s, by_coordinates, args)
        files = ", ".join(f[len(s.stem):] if f.startswith(s.stem) else f for f in s.files if s.stem and f.startswith(s.stem))
        status = "FAIL" if problems else "ok"
        print(f"{status:4} {s.group}:{s.artifact}:{s.version} ({files})")
        for problem in problems:
            print(f"       {problem}")
        failed += bool(problems)
    print(f"check-central: {len(staged)} artifacts, {failed} with problems"
          + ("" if args.require_signatures else " (signatures not checked)"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
