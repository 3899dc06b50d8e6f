"""Notices for the library tests, written for them in the style of a municipal 通知, and a library of them.

`reward` cites corpus notice 003 (清工信函〔2025〕16号) by title and number; `revised` is a second
version of it (one reward raised, one article added); a `<script>` in a clause tests escaping."""

from __future__ import annotations

import shutil
from pathlib import Path

from zhengce.rulegen.library import add
from zhengce.rulegen.library_db import connect

from tests.helpers import corpus_path

REWARD = """清远市工业和信息化局关于印发《清远市专精特新企业奖励办法》的通知
清工信〔2025〕9号
各县（市、区）工业和信息化局：
现将《清远市专精特新企业奖励办法》印发给你们，请认真贯彻执行。
清远市工业和信息化局
2025年1月10日
清远市专精特新企业奖励办法
第一条 为支持专精特新企业发展，根据《清远市促进中小企业特色产业集群发展暂行办法》（清工信函〔2025〕16号），制定本办法。
第二条 对新认定的国家级专精特新“小巨人”企业，给予一次性奖励50万元。
第三条 对上一年度营业收入达到2000万元以上的企业，给予最高30万元补贴。<script>alert(1)</script>
第四条 市工业和信息化局负责组织实施，市财政局负责资金保障。
第五条 本办法自2025年2月1日起施行，有效期3年。
"""
REVISED = (REWARD.replace("清工信〔2025〕9号", "清工信〔2025〕21号").replace("奖励50万元", "奖励80万元")
           .replace("第五条 本办法", "第五条 对获得省级专精特新中小企业认定的企业，给予一次性奖励10万元。\n第六条 本办法"))


def write_notices(folder: Path) -> dict[str, Path]:
    """reward.txt, revised.txt and corpus notices 001 and 003 in `folder`, by short name."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"reward": folder / "reward.txt", "revised": folder / "revised.txt",
             "001": folder / "001.txt", "003": folder / "003.txt"}
    paths["reward"].write_text(REWARD, encoding="utf-8")
    paths["revised"].write_text(REVISED, encoding="utf-8")
    for seed in ("001", "003"):
        shutil.copy(corpus_path(seed), paths[seed])
    return paths


def build_library(folder: Path) -> tuple[Path, dict[str, int]]:
    """A library of the four notices: (database, notice id by short name)."""
    paths = write_notices(folder / "docs")
    db = folder / "library.db"
    conn = connect(db)
    outcomes = list(add(conn, list(paths.values())))
    assert [o.error for o in outcomes] == [None] * 4
    ids = {name: conn.execute("SELECT id FROM notices WHERE path = ?", (str(p.resolve()),)).fetchone()[0]
           for name, p in paths.items()}
    conn.close()
    return db, ids
