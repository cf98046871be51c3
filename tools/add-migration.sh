#!/usr/bin/env bash
# Adds an EF Core migration NAME for all three providers (SQLite, PostgreSQL, SQL Server).
#   tools/add-migration.sh AddDossierCodes
# Each provider has its own DbContext subclass and migrations folder in src/PublicWorkflow.OneStop.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: tools/add-migration.sh NAME}
dotnet tool restore >/dev/null
for provider in Sqlite Postgres SqlServer; do
  dotnet dotnet-ef migrations add "$name" --project src/PublicWorkflow.OneStop \
    --context "${provider}OneStopDbContext" --output-dir "Persistence/Migrations/$provider" \
    --namespace "PublicWorkflow.OneStop.Persistence.Migrations.$provider"
  # With --namespace the tool writes the model snapshot into a folder named after the namespace: move it home.
  stray="src/PublicWorkflow.OneStop/PublicWorkflow/OneStop/Persistence/Migrations/$provider"
  if [ -d "$stray" ]; then
    mv "$stray"/*Snapshot.cs "src/PublicWorkflow.OneStop/Persistence/Migrations/$provider/"
  fi
done
rm -rf src/PublicWorkflow.OneStop/PublicWorkflow
