"""Checks a Maven Central bundle: python3 check_central_bundle.py BUNDLE VERSION PROJECT_DIR.

The reactor modules are read from PROJECT_DIR/pom.xml. Examples (com.example) and
modules that skip deployment must be absent; every other one must be present with a POM holding
Central's required fields, its jars (sources and javadoc for jar packaging), an .asc signature
that gpg verifies, and .md5/.sha1 checksums that match, for every file.
"""

import hashlib
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile

NS = {"m": "http://maven.apache.org/POM/4.0.0"}
NOT_DEPLOYED = {"custom-store", "embedding", "secrets-tests"}
REQUIRED = [
    "m:name",
    "m:description",
    "m:url",
    "m:licenses/m:license/m:name",
    "m:licenses/m:license/m:url",
    "m:developers/m:developer/m:name",
    "m:scm/m:url",
    "m:scm/m:connection",
]


def reactor(directory):
    """(artifactId, packaging) of the project at directory and all its modules."""
    pom = ET.parse(os.path.join(directory, "pom.xml")).getroot()
    artifact = pom.find("m:artifactId", NS).text.strip()
    packaging = pom.find("m:packaging", NS)
    found = [(artifact, packaging.text.strip() if packaging is not None else "jar")]
    for module in pom.findall("m:modules/m:module", NS):
        found += reactor(os.path.join(directory, module.text.strip()))
    return found


def inherited(root, path, field):
    """The field's text in the POM at path, or (as Central reads it) in its parent's POM."""
    while path is not None:
        full = os.path.join(root, path)
        if not os.path.exists(full):
            return None  # a parent outside the bundle: Central would not find it either
        pom = ET.parse(full).getroot()
        node = pom.find(field, NS)
        if node is not None and (node.text or "").strip():
            return node.text.strip()
        parent = pom.find("m:parent", NS)
        if parent is None:
            return None
        g, a, v = (parent.find("m:" + k, NS).text.strip() for k in ("groupId", "artifactId", "version"))
        path = f"{g.replace('.', '/')}/{a}/{v}/{a}-{v}.pom"
    return None


def main(bundle, version, project):
    problems = []
    with zipfile.ZipFile(bundle) as z:
        names = set(z.namelist())
        files = {n for n in names if not n.endswith("/")}
        with tempfile.TemporaryDirectory() as tmp:
            z.extractall(tmp)
            modules = reactor(project)
            for artifact, packaging in modules:
                base = f"dev/phalanx/secrets/{artifact}/{version}/{artifact}-{version}"
                present = any(n.startswith(f"dev/phalanx/secrets/{artifact}/") for n in files)
                if artifact in NOT_DEPLOYED:
                    if present:
                        problems.append(f"{artifact} must not be deployed")
                    continue
                wanted = [base + ".pom"]
                if packaging == "jar":
                    wanted += [base + ".jar", base + "-sources.jar", base + "-javadoc.jar"]
                if artifact == "secrets-dist":
                    wanted += [base + ".tar.gz", base + ".zip"]
                for w in wanted:
                    if w not in files:
                        problems.append(f"missing {w}")
                if base + ".pom" in files:
                    for field in REQUIRED:
                        if not inherited(tmp, base + ".pom", field):
                            problems.append(f"{artifact}: POM lacks {field.replace('m:', '')}")
            if any(n.startswith("com/example/") for n in files):
                problems.append("the examples (com.example) must not be in the bundle")
            artifacts = [
                n
                for n in files
                if not n.endswith((".asc", ".md5", ".sha1", ".sha256", ".sha512"))
                and "maven-metadata" not in n
            ]
            for n in sorted(artifacts):
                data = open(os.path.join(tmp, n), "rb").read()
                for ext, algo in ((".md5", hashlib.md5), (".sha1", hashlib.sha1)):
                    if n + ext not in files:
                        problems.append(f"no {ext} for {n}")
                    else:
                        got = open(os.path.join(tmp, n + ext)).read().split()[0].strip()
                        if got != algo(data).hexdigest():
                            problems.append(f"{n}{ext} does not match")
                if n + ".asc" not in files:
                    problems.append(f"no signature for {n}")
                else:
                    r = subprocess.run(
                        ["gpg", "--batch", "--verify", os.path.join(tmp, n + ".asc"),
                         os.path.join(tmp, n)],
                        capture_output=True,
                    )
                    if r.returncode != 0:
                        problems.append(f"bad signature for {n}: {r.stderr.decode().strip()}")
            count = len(artifacts)
    if problems:
        print("central bundle check FAILED:", *problems, sep="\n  ", file=sys.stderr)
        return 1
    print(f"central bundle check OK: {count} files, each signed and checksummed, in {bundle}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3]))
