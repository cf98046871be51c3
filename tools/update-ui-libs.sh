#!/usr/bin/env bash
# Refreshes the web UI's front-end libraries from npm into src/PublicWorkflow.Server/wwwroot/lib, at the versions in
# src/PublicWorkflow.Server/package.json. The copies are committed, so running the server needs no npm.
set -euo pipefail
cd "$(dirname "$0")/../src/PublicWorkflow.Server"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp package.json "$work/"
(cd "$work" && npm install --no-audit --no-fund --silent)
dist="$work/node_modules/bpmn-js/dist"
rm -rf wwwroot/lib/bpmn-js && mkdir -p wwwroot/lib/bpmn-js
# The designer edits with the modeler; pages that only show a case's diagram load the much smaller navigated viewer.
cp "$dist/bpmn-modeler.production.min.js" "$dist/bpmn-navigated-viewer.production.min.js" wwwroot/lib/bpmn-js/
cp -r "$dist/assets" wwwroot/lib/bpmn-js/
cp "$work/node_modules/bpmn-js/LICENSE" wwwroot/lib/bpmn-js/
echo "bpmn-js $(node -p "require('$work/node_modules/bpmn-js/package.json').version") copied into wwwroot/lib/bpmn-js"
