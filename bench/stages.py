"""Where warm extraction time goes, by stage: py-spy samples a loop of extractions of the corpus notices.

    python bench/stages.py [--rounds N] [--rate HZ]

A sample counts for the first stage, in the order below, whose function is on its stack. So
`find_amounts` is counted as "amounts" even though it runs inside rule building. Needs py-spy
(`pip install -e ".[bench]"`). A sampling profiler, unlike cProfile, adds nothing to the time of
each Python call, so the shares are those of an unprofiled run.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# (stage, a function on the stack that marks it): the first that matches wins
STAGES = [
    ("amounts: the number grammar (find_amounts)", "find_amounts (normalize/numbers.py"),
    ("cues: segmenter, spaCy Doc, PhraseMatcher", "of_spans (extract/nlp.py"),
    ("facts per sentence: roles, conditions, benefits", "sentence_rules (extract/rules.py"),
    ("responsibility: closing statements", "blocks_of (extract/rules.py"),
    ("responsibility: in the sentence", "of_sentence (extract/responsibility.py"),
    ("JsonLogic compilation", "compile_rule (rulegen/logic.py"),
    ("validity and document fields", "document_fields (rulegen/build.py"),
    ("normalise: lines, debris, joining, punctuation", "normalize (normalize/text.py"),
    ("segment: metadata and clause tree", "segment (extract/document.py"),
    ("read: decode and checks", "read (zhengce/pipeline.py"),
]
LOOP = """
import sys
from pathlib import Path
from zhengce.pipeline import extract, prepare
prepare()
paths = sorted(Path(sys.argv[1]).glob("*.txt"))
for _ in range(int(sys.argv[2])):
    for p in paths:
        extract(p)
"""


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=300, help="passes over the corpus notices")
    ap.add_argument("--rate", type=int, default=200, help="samples per second")
    args = ap.parse_args(argv)
    if not shutil.which("py-spy"):
        sys.exit("bench/stages.py: py-spy not found (pip install py-spy)")
    with tempfile.TemporaryDirectory() as folder:
        script, raw = Path(folder) / "loop.py", Path(folder) / "samples.txt"
        script.write_text(LOOP, encoding="utf-8")
        subprocess.run(["py-spy", "record", "-r", str(args.rate), "-f", "raw", "-o", str(raw), "--",
                        sys.executable, str(script), str(ROOT / "corpus"), str(args.rounds)],
                       check=True, capture_output=True)
        counts: Counter[str] = Counter()
        for line in raw.read_text(encoding="utf-8").splitlines():
            stack, _, n = line.rpartition(" ")
            if "extract (zhengce/pipeline.py" not in stack:
                continue  # start-up: imports and prepare()
            stage = next((name for name, marker in STAGES if marker in stack), "other: rule assembly, sentence split")
            counts[stage] += int(n)
    total = sum(counts.values())
    print(f"| share | stage |  ({total} samples of warm extraction)\n|---|---|")
    for stage, n in counts.most_common():
        print(f"| {n / total * 100:.0f} % | {stage} |")


if __name__ == "__main__":
    main()
