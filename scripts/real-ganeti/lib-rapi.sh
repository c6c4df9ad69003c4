# Helpers shared by up.sh and up3.sh (sourced, not run): LUXI calls from the host, the
# watcher pause, RAPI's users, its loopback bridge, and RAPI calls and job waits made inside
# the master's namespaces. The script that sources it defines LUXI_SOCKET, say, die and
# on_master (runs a command in the master node's namespaces).

# One LUXI call from the host: METHOD ARGS-JSON -> prints the "result" of a successful
# answer (empty when luxid does not answer or answers with an error).
luxi() {
  [ -S "$LUXI_SOCKET" ] || return 0
  printf '{"method":"%s","args":%s}\003' "$1" "$2" \
    | timeout 10 socat -t 5 - "UNIX-CONNECT:$LUXI_SOCKET" 2>/dev/null \
    | tr -d '\003' | sed -n 's/^{"success":true,"result":\(.*\)}$/\1/p' || true
}
luxi_raw() {
  printf '{"method":"%s","args":%s}\003' "$1" "$2" \
    | timeout 10 socat -t 5 - "UNIX-CONNECT:$LUXI_SOCKET" 2>&1 | tr -d '\003' || true
}
luxi_master() { luxi QueryConfigValues '[["master_node"]]' | sed -n 's/^\["\([^"]*\)"\]$/\1/p'; }

# The watcher (Debian runs it from cron every 5 minutes) would run in the host's namespaces,
# fail to reach RAPI there and stop the real one; a long pause makes it exit at once.
pause_watcher() {
  local paused_until until
  paused_until=$(luxi QueryConfigValues '[["watcher_pause"]]' | tr -d '[]')
  if [[ $paused_until =~ ^[0-9]+$ ]] && [ "$paused_until" -ge $(( $(date +%s) + 30 * 86400 )) ]; then
    return 0
  fi
  until=$(( $(date +%s) + 3650 * 86400 ))
  # Right after `gnt-cluster init` luxid answers queries before it can write the pause file
  # (its post-init job is still running), so wait for it to take the pause.
  for _ in $(seq 1 120); do [ "$(luxi SetWatcherPause "[$until]")" = "$until" ] && break; sleep 0.25; done
  [ "$(luxi SetWatcherPause "[$until]")" = "$until" ] \
    || die "luxid did not accept SetWatcherPause: $(luxi_raw SetWatcherPause "[$until]")"
  say "watcher paused until $(date -d "@$until" +%F)"
}

# Writes RAPI's users file (FILE) unless it already holds admin (write) and reader (read).
write_rapi_users() {
  local users="admin adminpass write
reader readerpass read" tmp
  [ "$(cat "$1" 2>/dev/null)" != "$users" ] || return 0
  # ganeti-rapi reloads the file when it is renamed into place, so write it complete first.
  tmp=$(mktemp "$1.XXXXXX")
  printf '%s\n' "$users" > "$tmp"
  chown gnt-rapi:gnt-masterd "$tmp"
  chmod 640 "$tmp"
  mv -f "$tmp" "$1"
}

# Waits for ganeti-rapi to answer GET /2/info with 200 inside the master's namespaces.
wait_rapi() {
  local code
  rapi_code() { on_master curl -sk -o /dev/null -w '%{http_code}' -u admin:adminpass "https://127.0.0.1:5080/2/info" || true; }
  for _ in $(seq 1 60); do code=$(rapi_code); [ "$code" = 200 ] && return 0; sleep 0.25; done
  die "ganeti-rapi does not answer GET /2/info with 200 on the master (got $code)"
}

# Bridges the master's RAPI to the host's 127.0.0.1:PORT, unless already bridged:
# host 127.0.0.1:PORT -> socat -> DIR/rapi.sock -> socat (in network namespace NETNS) -> 127.0.0.1:5080
bridge_rapi() { # DIR PORT NETNS
  local dir=$1 port=$2 netns=$3 code
  running() { [ -s "$1" ] && [[ $(tr '\0' ' ' 2>/dev/null < "/proc/$(cat "$1")/cmdline") == *"$2"* ]]; }
  if ! running "$dir/bridge-in.pid" "$dir/rapi.sock"; then
    rm -f "$dir/rapi.sock"
    setsid nsenter --net="/run/netns/$netns" -- \
      socat "UNIX-LISTEN:$dir/rapi.sock,fork,mode=600" TCP:127.0.0.1:5080 \
      </dev/null >>"$dir/bridge-in.log" 2>&1 9>&- &
    echo $! > "$dir/bridge-in.pid"
  fi
  if ! running "$dir/bridge-out.pid" "TCP-LISTEN:$port,"; then
    setsid socat "TCP-LISTEN:$port,bind=127.0.0.1,reuseaddr,fork" "UNIX-CONNECT:$dir/rapi.sock" \
      </dev/null >>"$dir/bridge-out.log" 2>&1 9>&- &
    echo $! > "$dir/bridge-out.pid"
  fi
  host_code() { curl -sk -o /dev/null -w '%{http_code}' -u admin:adminpass "https://127.0.0.1:$port/2/info" || true; }
  for _ in $(seq 1 40); do code=$(host_code); [ "$code" = 200 ] && break; sleep 0.25; done
  [ "$code" = 200 ] || die "RAPI bridge on 127.0.0.1:$port does not answer (port taken? see $dir/bridge-*.log)"
  say "RAPI answers on https://127.0.0.1:$port"
}

rapi() { # METHOD PATH [JSON BODY] -> prints the answer; fails on an HTTP error
  on_master curl -sS -k --fail-with-body -u admin:adminpass -X "$1" -H 'Content-Type: application/json' \
    ${3:+--data "$3"} "https://127.0.0.1:5080$2"
}
pending=()
submit() { local id; id=$(rapi "$@") || die "RAPI $1 $2 failed: $id"; pending+=("$id"); }
wait_jobs() { # waits for every job in ${pending[@]} to succeed
  local id state
  for id in "${pending[@]}"; do
    for _ in $(seq 1 600); do
      state=$(rapi GET "/2/jobs/$id" | /usr/bin/python3 -c \
        'import json,sys; j=json.load(sys.stdin); print(j["status"], json.dumps(j["opresult"]))')
      case "$state" in
        success*) continue 2 ;;
        error*|canceled*) die "job $id ended in $state" ;;
      esac
      sleep 0.2
    done
    die "job $id did not finish within 2 minutes"
  done
  pending=()
}
