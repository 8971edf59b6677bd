#!/usr/bin/env python3
"""Validates FHIR R4 Bundles with an independent implementation: fhir.resources 6.1.0, whose
models are FHIR R4 (4.0.1). Parses each Bundle and each entry's resource with the R4 models
(unknown elements, missing required elements, wrong types and malformed primitives are errors)
and checks that every literal reference inside the Bundle resolves to an entry.

Usage: scripts/validate_fhir.py FILE...   Exit 0 when every file is valid, 1 otherwise,
2 when the validator itself is not installed (run scripts/install-test-deps.sh).

When fhir.resources is not importable here, it re-runs itself with the virtual environment that
scripts/install-test-deps.sh makes ($ANSVAR_FHIR_VENV, default ~/.cache/ansvar/fhir-venv).
"""
import json
import os
import sys

VENV = os.environ.get("ANSVAR_FHIR_VENV", os.path.expanduser("~/.cache/ansvar/fhir-venv"))


def load_library():
    try:
        import fhir.resources  # noqa: F401
        return fhir.resources
    except Exception:
        pass
    venv_python = os.path.join(VENV, "bin", "python")
    if os.path.exists(venv_python) and not os.environ.get("ANSVAR_FHIR_REEXEC"):
        os.environ["ANSVAR_FHIR_REEXEC"] = "1"
        os.execv(venv_python, [venv_python] + sys.argv)
    sys.stderr.write(
        "validate_fhir.py: the FHIR R4 validator (Python package fhir.resources 6.1.0) is not "
        "installed. Run scripts/install-test-deps.sh\n")
    sys.exit(2)


def references(value, path, out):
    if isinstance(value, dict):
        ref = value.get("reference")
        if isinstance(ref, str):
            out.append((path, ref))
        for k, v in value.items():
            references(v, path + [k], out)
    elif isinstance(value, list):
        for v in value:
            references(v, path, out)


def validate(path, lib):
    from fhir.resources import construct_fhir_element
    from fhir.resources.bundle import Bundle

    if lib.__fhir_version__ != "4.0.1":
        return ["fhir.resources models FHIR %s, not R4 4.0.1" % lib.__fhir_version__]
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    errors = []
    if data.get("resourceType") != "Bundle":
        return ["not a Bundle: resourceType %r" % data.get("resourceType")]
    try:
        Bundle.parse_obj(data)
    except Exception as e:  # pydantic.ValidationError and friends
        errors.append("Bundle: %s" % e)
    known = set()
    for entry in data.get("entry", []):
        res = entry.get("resource", {})
        if "fullUrl" in entry:
            known.add(entry["fullUrl"])
        known.add("%s/%s" % (res.get("resourceType"), res.get("id")))
    for i, entry in enumerate(data.get("entry", [])):
        res = entry.get("resource", {})
        name = "entry %d (%s %s)" % (i + 1, res.get("resourceType"), res.get("id"))
        try:
            construct_fhir_element(res.get("resourceType"), res)
        except Exception as e:
            errors.append("%s: %s" % (name, e))
        refs = []
        references(res, [], refs)
        for p, ref in refs:
            if not ref.startswith("#") and ref not in known:
                errors.append("%s: %s refers to %s, which is not in the Bundle" % (name, ".".join(p), ref))
    return errors


def main():
    if len(sys.argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    lib = load_library()
    failed = False
    for path in sys.argv[1:]:
        errors = validate(path, lib)
        if errors:
            failed = True
            print("%s: INVALID FHIR R4" % path)
            for e in errors:
                print("  " + e)
        else:
            print("%s: valid FHIR R4 (fhir.resources %s, FHIR %s)" % (path, lib.__version__, lib.__fhir_version__))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
