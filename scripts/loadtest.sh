#!/usr/bin/env bash
# Measures WeDesk's callback ingest on this machine: builds the binary,
# starts `wedesk serve` on a throw-away data dir with one Official Account
# channel, and fires encrypted callbacks at it with `wedesk sim load`.
# It also prints how much CPU the VM's neighbours stole during the run:
# figures taken with a high steal share measure the host, not WeDesk.
# `serve --dev=false` matters: PocketBase turns dev mode (which logs every
# SQL statement) on by itself for a binary under the temp dir.
# Usage: scripts/loadtest.sh [N] [CONCURRENCY] [more `sim load` flags]
#   e.g. scripts/loadtest.sh 5000 32 --rate 500 --agents 200
#   (--agents connects that many simulated agents to realtime, as the inbox
#   does, and reports the delay from acknowledgement to each agent.)
set -euo pipefail
N=${1:-20000}
C=${2:-64}
shift 2 || true
ADDR=127.0.0.1:18090
DIR=$(mktemp -d)
BIN=$DIR/wedesk
trap 'kill $PID 2>/dev/null || true; rm -rf "$DIR"' EXIT

go build -o "$BIN" .
"$BIN" superuser upsert load@wedesk.test loadtest-password --dir "$DIR/pb_data" >/dev/null
WEDESK_PPROF=${WEDESK_PPROF:-} "$BIN" serve --dev=false --http "$ADDR" --dir "$DIR/pb_data" >"$DIR/serve.log" 2>&1 &
PID=$!
for _ in $(seq 50); do curl -sf "http://$ADDR/api/health" >/dev/null && break; sleep 0.2; done

TOKEN=$(curl -sf -X POST "http://$ADDR/api/collections/_superusers/auth-with-password" \
  -H 'Content-Type: application/json' -d '{"identity":"load@wedesk.test","password":"loadtest-password"}' |
  sed -E 's/.*"token":"([^"]+)".*/\1/')
KEY=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG
CHANNEL=$(curl -sf -X POST "http://$ADDR/api/collections/channels/records" -H "Authorization: $TOKEN" \
  -H 'Content-Type: application/json' \
  -d "{\"name\":\"load\",\"kind\":\"wechat_mp\",\"app_id\":\"wxloadtest00000001\",\"secret\":\"s\",\"token\":\"LoadToken\",\"aes_key\":\"$KEY\",\"api_base\":\"http://127.0.0.1:1\",\"enabled\":true}" |
  sed -E 's/.*"id":"([^"]+)".*/\1/')

cpu_times() { awk '/^cpu /{print $2+$3+$4+$5+$6+$7+$8+$9, $9}' /proc/stat; }
read -r T0 S0 < <(cpu_times)

TIMEFORMAT="load generator: %U s user %S s sys"
time "$BIN" sim load --url "http://$ADDR/callback/$CHANNEL" --app-id wxloadtest00000001 --token LoadToken \
  --aes-key "$KEY" -n "$N" -c "$C" --admin-email load@wedesk.test --admin-password loadtest-password --server-pid "$PID" "$@"
read -r T1 S1 < <(cpu_times)
echo "cpu stolen by the host during the run: $(( 100 * (S1 - S0) / (T1 - T0 + 1) ))%"
echo "stored: $(curl -sf "http://$ADDR/api/collections/messages/records?perPage=1" -H "Authorization: $TOKEN" |
  sed -E 's/.*"totalItems":([0-9]+).*/\1/') messages"
