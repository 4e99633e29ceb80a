#!/usr/bin/env bash
# Shared behaviour of the fake agent CLIs. Each fake-<cli> script defines how its CLI reads the prompt and prints
# (emit_start, emit_text, emit_write, emit_done, emit_error) and then calls fake_main. No network access.
#
# Environment:
#   FAKE_AGENT_MODE   auto (default) | edit | research | plan | noop | fail | denied | crash | hang | slow | leak |
#                     leak-fail. In auto, a prompt containing "fake-agent:<mode>" (say, in a ticket's description)
#                     picks that mode; else the prompt's RESEARCH.md / PLAN.md / anything else picks research / plan / edit.
#   FAKE_AGENT_EXIT   exit code for "fail" (default 1)
#   FAKE_AGENT_FILE   file "edit" writes (default HELLO.md), relative to the work dir
#   FAKE_AGENT_SLEEP  seconds "slow" waits before editing (default 5)
#   FAKE_AGENT_PIDFILE where "hang" writes its pid (and its child's) once it ignores SIGTERM
#   FAKE_AGENT_ARGS_FILE / FAKE_AGENT_ENV_FILE  record argv (one per line) / the environment
#   FAKE_AGENT_LEAK   name of a variable whose value "leak" prints (default ANTHROPIC_API_KEY)

fake_record() {
  if [ -n "${FAKE_AGENT_ARGS_FILE:-}" ]; then printf '%s\n' "$@" > "$FAKE_AGENT_ARGS_FILE"; fi
  if [ -n "${FAKE_AGENT_ENV_FILE:-}" ]; then env > "$FAKE_AGENT_ENV_FILE"; fi
}

fake_write() { # path content
  mkdir -p "$(dirname "$WORK/$1")"
  printf '%s\n' "$2" > "$WORK/$1"
  emit_write "$WORK/$1" "$2"
}

fake_edit() {
  local file="${FAKE_AGENT_FILE:-HELLO.md}"
  if [ -f "$WORK/$file" ]; then
    # a follow-up run on an existing branch: revise the file, so there is a new commit to push
    emit_text "I'll revise $file."
    fake_write "$file" "$(cat "$WORK/$file")
Revised by the fake agent"
    fake_write PR_TITLE.md "Revise $file greeting"
    fake_write PR_DESCRIPTION.md "Revises \`$file\` as the review asked."
    emit_done "Done."
    return
  fi
  emit_text "I'll create $file."
  fake_write "$file" "Hello from the fake agent"
  fake_write PR_TITLE.md "Add $file greeting"
  fake_write PR_DESCRIPTION.md "Adds \`$file\` as the task asked."
  emit_done "Done."
}

fake_main() {
  fake_record "$@"
  local mode="${FAKE_AGENT_MODE:-auto}"
  if [ "$mode" = auto ] && [[ "$PROMPT" =~ fake-agent:([a-z-]+) ]]; then
    mode="${BASH_REMATCH[1]}"
  fi
  if [ "$mode" = auto ]; then
    case "$PROMPT" in
      *RESEARCH.md*) mode=research ;;
      *PLAN.md*) mode=plan ;;
      *) mode=edit ;;
    esac
  fi
  emit_start
  case "$mode" in
    edit) fake_edit ;;
    research) emit_text "Researching."; fake_write RESEARCH.md "# Research

The task: ${PROMPT%%$'\n'*}"; emit_done "Done." ;;
    plan) emit_text "Planning."; fake_write PLAN.md "# Plan

1. Do it."; emit_done "Done." ;;
    noop) emit_text "Nothing to do."; emit_done "Done." ;;
    fail) emit_error "simulated failure: API Error 500"; exit "${FAKE_AGENT_EXIT:-1}" ;;
    denied) emit_denied ;;
    crash) emit_text "About to crash."; kill -9 $$ ;;
    leak-fail) echo "fatal: request with key ${!FAKE_AGENT_LEAK_VAR} was refused" >&2; exit 2 ;;
    leak) emit_text "debug: my key is ${!FAKE_AGENT_LEAK_VAR}"; fake_edit ;;
    slow) emit_text "Thinking slowly."; sleep "${FAKE_AGENT_SLEEP:-5}"; fake_edit ;;
    hang)
      trap '' TERM
      sleep 3600 &
      if [ -n "${FAKE_AGENT_PIDFILE:-}" ]; then echo "$$ $!" > "$FAKE_AGENT_PIDFILE"; fi
      emit_text "Working on it (and ignoring SIGTERM)."
      while true; do sleep 1; done ;;
    *) echo "fake agent: unknown FAKE_AGENT_MODE $mode" >&2; exit 64 ;;
  esac
  exit 0
}

if [ "${1:-}" = "--version" ]; then echo "$(basename "$0") 0.0.0-fake"; exit 0; fi

FAKE_AGENT_LEAK_VAR="${FAKE_AGENT_LEAK:-ANTHROPIC_API_KEY}"

json_string() { # escapes for JSON without external tools
  local s="$1"
  s="${s//\\/\\\\}"; s="${s//\"/\\\"}"; s="${s//$'\n'/\\n}"; s="${s//$'\t'/\\t}"; s="${s//$'\r'/}"
  printf '"%s"' "$s"
}
