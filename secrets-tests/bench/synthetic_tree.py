#!/usr/bin/env python3
"""Writes the synthetic tree of VaultSyncBenchmark (N applications, each three generated passwords
and one static secret) for CLI measurements, e.g. the peak RSS of auditing 1,000 applications.

    python3 synthetic_tree.py DIR N VAULT_URL
"""
import pathlib
import sys

root, n, url = pathlib.Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
enabled = []
for i in range(n):
    app = "app-%04d" % i
    d = root / "applications" / app
    d.mkdir(parents=True, exist_ok=True)
    (d / "Chart.yaml").write_text(
        "apiVersion: v2\nname: %s\nversion: 1.0.0\ndescription: synthetic\n" % app
    )
    text = ""
    for key in ("db-password", "redis-password", "session-key"):
        text += key + ":\n  description: >-\n    A generated password.\n  generate:\n    type: password\n"
    text += "api-token:\n  description: >-\n    A static token.\n"
    (d / "secrets.yaml").write_text(text)
    enabled.append("  %s: true\n" % app)
envs = root / "environments"
envs.mkdir(parents=True, exist_ok=True)
(envs / "values.yaml").write_text(
    'name: ""\nfqdn: ""\nvaultUrl: "https://vault.invalid/"\nvaultPathPrefix: ""\n'
    + "applications:\n"
    + "".join(enabled)
)
(envs / "values-bench.yaml").write_text(
    'name: "bench"\nfqdn: "bench.local"\nvaultUrl: "%s"\nvaultPathPrefix: "secret/bench"\n' % url
)
statics = "applications:\n"
for i in range(n):
    statics += "  app-%04d:\n    api-token:\n      value: token-%04d\n" % (i, i)
(root / "statics.yaml").write_text(statics)
