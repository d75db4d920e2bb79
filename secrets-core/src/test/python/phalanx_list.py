#!/usr/bin/env python3
"""Independent check of the required secrets of every Phalanx environment.

Implements DESIGN.md sections 2-3 from scratch (no Java involved), so the
per-environment counts pinned in RealTreeTest can be checked against a
second implementation:

- environment settings = deep merge of environments/values.yaml and
  environments/values-<env>.yaml; enabled applications are those mapped
  to true, in name order;
- an application's Helm values = deep merge of values.yaml and
  values-<env>.yaml (either may be missing or empty);
- spec files: secrets-<env>.yaml entries replace secrets.yaml entries whole;
- a secret is dropped when its top-level `if` is false; a copy/generate
  rule is dropped when its own `if` is false; the kind is copy > generate >
  value > static; both copy and generate remaining is an error;
- a condition is a dot path; it holds when every step exists, every
  intermediate step is a mapping, and the final value is truthy in
  Python's sense (bool()).

Usage:
    python3 phalanx_list.py PHALANX_ROOT            # "env count" per environment
    python3 phalanx_list.py PHALANX_ROOT --list     # "env app key kind" per secret
    python3 phalanx_list.py PHALANX_ROOT --java     # prints RealTreeTest's pin table
    python3 phalanx_list.py PHALANX_ROOT --dangling # copies of secrets not required

Needs PyYAML (pip install pyyaml).
"""

import os
import re
import sys

import yaml


def load(path):
    """A YAML file as data; a missing or empty file is an empty mapping."""
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    return {} if data is None else data


def deep_merge(base, override):
    """Mappings merge key by key, recursively; any other override value replaces."""
    out = dict(base)
    for key, value in override.items():
        if isinstance(out.get(key), dict) and isinstance(value, dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def condition_holds(values, path):
    current = values
    for step in path.split("."):
        if not isinstance(current, dict):
            return False
        current = current.get(step)
        if current is None:
            return False
    return bool(current)


def environments(root):
    names = []
    for name in os.listdir(os.path.join(root, "environments")):
        m = re.fullmatch(r"values-(.+)\.yaml", name)
        if m:
            names.append(m.group(1))
    return sorted(names)


def required_secrets(root, env):
    """[(app, key, kind, copy rule or None)] sorted by app then key; raises on both copy and generate."""
    settings = deep_merge(
        load(os.path.join(root, "environments", "values.yaml")),
        load(os.path.join(root, "environments", f"values-{env}.yaml")),
    )
    apps = sorted(
        name for name, on in (settings.get("applications") or {}).items() if on is True
    )
    result = []
    for app in apps:
        adir = os.path.join(root, "applications", app)
        if not os.path.isfile(os.path.join(adir, "Chart.yaml")):
            raise SystemExit(f"{env}: {app} is enabled but has no Chart.yaml")
        values = deep_merge(
            load(os.path.join(adir, "values.yaml")),
            load(os.path.join(adir, f"values-{env}.yaml")),
        )
        specs = dict(load(os.path.join(adir, "secrets.yaml")))
        specs.update(load(os.path.join(adir, f"secrets-{env}.yaml")))
        for key in sorted(specs):
            spec = specs[key]
            if "if" in spec and not condition_holds(values, spec["if"]):
                continue
            copy = spec.get("copy")
            if copy is not None and "if" in copy and not condition_holds(values, copy["if"]):
                copy = None
            generate = spec.get("generate")
            if (
                generate is not None
                and "if" in generate
                and not condition_holds(values, generate["if"])
            ):
                generate = None
            if copy is not None and generate is not None:
                raise SystemExit(f"{env}: {app} {key}: both copy and generate apply")
            if copy is not None:
                kind = "copy"
            elif generate is not None:
                kind = "generate"
            elif "value" in spec:
                kind = "value"
            else:
                kind = "static"
            result.append((app, key, kind, copy))
    return result


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    root = argv[1]
    mode = argv[2] if len(argv) > 2 else ""
    for env in environments(root):
        secrets = required_secrets(root, env)
        if mode == "--list":
            for app, key, kind, _ in secrets:
                print(env, app, key, kind)
        elif mode == "--dangling":
            required = {(app, key) for app, key, _, _ in secrets}
            for app, key, kind, copy in secrets:
                if kind == "copy" and (copy["application"], copy["key"]) not in required:
                    print(f"{env}: {app}/{key} <- {copy['application']}/{copy['key']}")
        elif mode == "--java":
            print(f'        "{env}", {len(secrets)},')
        else:
            print(env, len(secrets))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
