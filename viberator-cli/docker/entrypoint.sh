#!/usr/bin/env bash
# Container entrypoint: maps the platform's container environment onto `viberator job`.
#
# The platform's Docker and ECS invokers set JOB_ID, PLATFORM_API_URL and TENANT_ID; `viberator job` reads those
# itself. The callback token comes as CALLBACK_TOKEN, as a file named by CALLBACK_TOKEN_FILE, as an SSM parameter
# named by CALLBACK_TOKEN_SSM_PARAMETER (ECS), or (Docker) in the secret bundle viberator fetches once with the one-time
# VIBERATOR_SECRET_BUNDLE_TOKEN, writing the bundle's credentials into its tmpfs VIBERATOR_SECRETS_DIR; viberator reads
# and deletes the file or parameter, so the token never sits in the process environment. Secrets arrive as files under
# /run/secrets (one per credential, or VIBERATOR_SECRETS_DIR elsewhere) or as SSM parameter names in
# VIBERATOR_SSM_SECRETS.
#
# Accepted forms:
#   (no arguments)            -> viberator job                    (everything from the environment)
#   --job-ref <id>            -> viberator job --job-id <id>      (upstream worker compatibility)
#   --job-file <path>         -> viberator job --job-file <path>
#   --job-data <json>         -> the JSON is written to a private file, then viberator job --job-file <file>
#   <viberator subcommand...> -> passed through (run, agents, doctor, --help, --version ...)
set -euo pipefail

viberator=${VIBERATOR_BIN:-/opt/viberator/bin/viberator}

if [ -n "${CALLBACK_TOKEN_FILE:-}" ] && [ -z "${CALLBACK_TOKEN:-}" ] && [ ! -r "$CALLBACK_TOKEN_FILE" ]; then
  echo "entrypoint: CALLBACK_TOKEN_FILE $CALLBACK_TOKEN_FILE is not readable" >&2
  exit 3
fi
export WORK_DIR=${WORK_DIR:-/tmp/viberator-work}

if [ $# -eq 0 ]; then
  if [ -z "${JOB_ID:-}" ]; then
    exec "$viberator" --help
  fi
  exec "$viberator" job
fi

case "$1" in
  --job-ref|-r)
    [ $# -ge 2 ] || { echo "entrypoint: --job-ref needs a job id" >&2; exit 2; }
    id=$2
    shift 2
    exec "$viberator" job --job-id "$id" "$@"
    ;;
  --job-file|-f)
    [ $# -ge 2 ] || { echo "entrypoint: --job-file needs a path" >&2; exit 2; }
    file=$2
    shift 2
    exec "$viberator" job --job-file "$file" "$@"
    ;;
  --job-data|-j)
    [ $# -ge 2 ] || { echo "entrypoint: --job-data needs JSON" >&2; exit 2; }
    umask 077
    file=$(mktemp "${TMPDIR:-/tmp}/viberator-payload.XXXXXX")
    printf '%s' "$2" > "$file"
    shift 2
    exec "$viberator" job --job-file "$file" "$@"
    ;;
  *)
    exec "$viberator" "$@"
    ;;
esac
