"""One notice in four formats gives one clause tree and one set of document fields."""

from pathlib import Path

import pytest
from conftest import make_docx, make_gbk, make_html, make_pdf, require_cjk_font

from tests.helpers import doc, outline
from zhengce.pipeline import parse

SEED = "003"


def notice_text() -> str:
    """The clean text of the bundled Markdown notice, one paragraph per line."""
    return doc(SEED).text.text


@pytest.fixture(scope="module")
def variants(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("formats")
    text = notice_text()
    made = {
        "gbk": make_gbk(text, folder / "notice.txt"),
        "html": make_html(text, folder / "notice.html", title=doc(SEED).meta.title),
        "docx": make_docx(text, folder / "notice.docx"),
    }
    if require_cjk_font():
        lines = text.split("\n")
        made["pdf"] = make_pdf("\n".join(lines[: len(lines) // 2]) + "\f" + "\n".join(lines[len(lines) // 2 :]),
                               folder / "notice.pdf")
    return made


@pytest.mark.parametrize("kind", ["gbk", "html", "docx", "pdf"])
def test_same_clause_tree_in_every_format(variants, kind):
    expected = outline(doc(SEED))
    assert len(expected) == 49  # 5 chapters, 20 articles, 24 items
    parsed = parse(variants[kind])
    assert outline(parsed) == expected


@pytest.mark.parametrize("kind", ["gbk", "html", "docx", "pdf"])
def test_same_document_fields_in_every_format(variants, kind):
    want, got = doc(SEED).meta, parse(variants[kind]).meta
    assert (got.title, got.doc_number, got.issuer, got.issued_on) == (
        want.title, want.doc_number, want.issuer, want.issued_on)


def test_pdf_clauses_know_their_page(variants):
    parsed = parse(variants["pdf"])
    pages = [parsed.text.page(c.start) for c in parsed.walk()]
    assert pages == sorted(pages) and pages[0] == 1
    assert pages[-1] == len(parsed.text.source.page_starts) > 1
