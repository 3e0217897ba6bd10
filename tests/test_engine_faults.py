"""A bug in an engine costs the one article it fails on, never the batch: the article gets a
failure record that says so, and the others are extracted."""

from __future__ import annotations

from pathlib import Path

from extractor.engines import EngineResult
from extractor.pipeline import run_batch
from extractor.rules import RulesEngine
from extractor.store import iter_record_paths, read_record
from schemas.record import Status


class BuggyEngine(RulesEngine):
    """The rules engine, failing with an unexpected exception on one article."""

    def extract(self, text: str) -> EngineResult:
        if "Malang" in text:
            raise KeyError("hıjau")
        return super().extract(text)


def test_an_engines_unexpected_exception_is_a_failure_record_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "batu.txt").write_text("Pemerintah Kota Batu meraih nilai 82,28 (zona hijau) tahun 2024.\n")
    (folder / "malang.txt").write_text(
        "Pemerintah Kota Malang meraih nilai 71,05 (zona kuning) tahun 2024.\n"
    )
    summary = run_batch(sorted(folder.iterdir()), BuggyEngine(), tmp_path / "out", jobs=2)
    records = {read_record(p).record_id: read_record(p) for p in iter_record_paths(tmp_path / "out")}
    assert records["batu"].status != Status.failed
    failure = records["malang"].failure
    assert failure is not None and failure.kind == "engine_error" and "KeyError" in failure.message
    assert summary.counts["failed"] == 1


def test_a_dotless_i_in_a_zone_word_is_read_as_the_zone() -> None:
    """'zona hıjau' (typed with a Turkish-style dotless i) is the zone hijau, not a crash."""
    text = (
        "Pemerintah Kota Batu meraih zona hıjau dalam Penilaian Kepatuhan Ombudsman 2024 dengan nilai 82,28."
    )
    draft = RulesEngine().extract(text).draft
    assert draft.zone is not None and draft.zone.value == "hijau"
