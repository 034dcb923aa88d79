"""Rewrites manifest.json of a complete runtime bundle (runtime/complete-bundle.sh).

    layer_manifest.py BUNDLE --key KEY2 --adapter-source TEXT --adapter-license SPDX

BUNDLE is a copy of a core bundle (runtime/build-runtime.sh) to which the glue library and the
preview1 adapter were added; its manifest.json is still the core's. The new manifest is written by
the core's own writer (bundle_tool.manifest), fed with the values the core manifest recorded, so
both layers describe their files the same way: every file with its size and sha256, every library
with its needed list and toolchain section. Then the layer's facts are added: the complete bundle's
key, the core key it was made from, where the adapter came from and under which licence, and
where the third-party notices are (NOTICE, licenses/).
"""

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import bundle_tool  # noqa: E402  (the core's tool; its directory is not a package)

ADAPTER = "adapter/wasi_snapshot_preview1.reactor.wasm"
ADAPTER_LICENSE = "adapter/LICENSE"
GLUE = "lib/libcomponentize.so"
NOTICE = "NOTICE"
CC = "sdk/bin/wasm32-wasi-clang"
CXX = "sdk/bin/wasm32-wasi-clang++"


def main(argv):
    parser = argparse.ArgumentParser(prog="layer_manifest.py")
    parser.add_argument("bundle")
    parser.add_argument("--key", required=True)
    parser.add_argument("--adapter-source", required=True)
    parser.add_argument("--adapter-license", required=True)
    args = parser.parse_args(argv)
    bundle = args.bundle
    path = os.path.join(bundle, "manifest.json")
    with open(path, encoding="utf-8") as f:
        core = json.load(f)
    for required in (GLUE, ADAPTER, ADAPTER_LICENSE, CC, CXX, NOTICE):
        if not os.path.isfile(os.path.join(bundle, required)):
            raise SystemExit(f"layer_manifest: {bundle} has no {required}")
    python = core["python"]
    # The core manifest is a hard link into the core bundle: replace the link, never write into it.
    os.remove(path)
    bundle_tool.manifest(
        argparse.Namespace(
            bundle=bundle,
            key=args.key,
            python_version=python["version"],
            soabi=python["soabi"],
            ext_suffix=python["extSuffix"],
            python_home=python["home"],
            source=[f"{name}={version}" for name, version in core["sources"].items()],
            identity_header=os.path.join(bundle, "sdk", "sysroot", "include", "wasi", "version.h"),
        )
    )
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    if doc["toolchain"] != core["toolchain"]:
        raise SystemExit(f"layer_manifest: toolchain {doc['toolchain']} differs from the core's {core['toolchain']}")
    files = {entry["path"]: entry["sha256"] for entry in doc["files"]}
    layered = {}
    for key, value in doc.items():
        layered[key] = value
        if key == "bundleKey":
            layered["coreBundleKey"] = core["bundleKey"]
        if key == "sources":
            layered["glue"] = {"library": GLUE}
            layered["adapter"] = {
                "path": ADAPTER,
                "kind": "wasi_snapshot_preview1 reactor",
                "source": args.adapter_source,
                "sha256": files[ADAPTER],
                "license": args.adapter_license,
                "licenseFile": ADAPTER_LICENSE,
            }
            layered["notice"] = {"file": NOTICE, "licenses": "licenses/"}
            # The compiler driver for extension modules (docs/wheels.md).
            layered["sdk"] = {"cc": CC, "cxx": CXX}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(layered, f, indent=2, sort_keys=False)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
