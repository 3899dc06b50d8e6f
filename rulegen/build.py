"""Document + rules -> the rule file, the JSON object a program consumes (see rules.schema.json)."""

from __future__ import annotations

import hashlib

from zhengce.extract.rules import build_rules
from zhengce.extract.validity import read_validity
from zhengce.rulegen.clauses import clause_list
from zhengce.rulegen.logic import compile_rule

from zhengce import __version__
from zhengce.model import Document

SCHEMA_VERSION = "1.0"
NO_RULES = "no rules found: this does not read as a policy notice"


def document_fields(doc: Document) -> dict:
    meta = doc.meta
    own = tuple(t for t in (meta.title, meta.policy_title) if t)
    validity = read_validity(doc.text.text, meta.issued_on, own, published_on=meta.published_on)
    return {
        "title": meta.title,
        "policy_title": meta.policy_title,
        "doc_number": meta.doc_number,
        "issuer": meta.issuer or None,
        # a page that states no 成文日期 nor a signed date (a 政策解读, a web page) is issued when published
        "issued_on": meta.dated,
        "published_on": meta.published_on,
        "valid_from": validity.valid_from or meta.valid_from,
        "valid_until": validity.valid_until or meta.valid_until,
        "validity_statement": validity.statement,
        "supersedes": validity.supersedes,
        "references": validity.references,
        "draft": meta.draft,
        "recipients": meta.recipients,
        "cc": meta.cc,
        "disclosure": meta.disclosure,
        "contact": meta.contact,
        "archive_code": meta.archive_code,
        "city": meta.city,
    }


def rule_file(doc: Document) -> dict:
    source = doc.text.source
    rules = build_rules(doc)
    for rule in rules:  # compiled here so the extractor stays free of the variable vocabulary
        compiled = compile_rule(rule)
        rule["logic"] = compiled.logic
        rule["review"] += compiled.problems
        rule["needs_review"] = bool(rule["review"])
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": f"zhengce {__version__}",
        "source": {
            "path": source.path,
            "kind": source.kind,
            "encoding": source.encoding,
            "pages": len(source.page_starts) or None,
            "sha256": hashlib.sha256(source.text.encode("utf-8")).hexdigest(),
        },
        "document": document_fields(doc),
        "rules": rules,
        "clauses": clause_list(doc),
        "warnings": [*source.warnings, *([] if rules else [NO_RULES])],  # a poem, a spreadsheet: say so
    }
