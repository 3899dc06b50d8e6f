"""A Document to rules: one rule per benefit, per set of eligibility conditions, per set of
targets, and one per measure whose only fact is who is responsible.

A clause is cut into blocks at its responsibility parentheticals (a `（责任单位：…）` names
the units of everything since the previous one); a rule quotes its sentence and carries
its block's text, units and clause.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

from zhengce.normalize.labels import strip_label
from zhengce.normalize.numbers import Amount, find_amounts
from zhengce.normalize.unit_names import alternatives

from zhengce.model import Clause, Document, Text

from .ablation import on
from .facts import (
    SIGN,
    Group,
    SentenceFacts,
    benefit,
    classify,
    condition,
    group_amounts,
    quantity,
    sign_conditions,
    target,
)
from .nlp import Cues, alternation
from .requirements import condition_end, written_conditions
from .responsibility import (
    Responsibility,
    TaskTable,
    closings,
    first_leads,
    list_statement,
    of_sentence,
    row_units,
    task_table,
    unit_cell,
)
from .roles import BENEFIT, OTHER, TARGET, THRESHOLD, Decision, Place, segment_of
from .tables import as_pipe_row, caption_unit, lent_unit

_WORKS_WITH = re.compile(alternatives("works_with"))
_SENTENCE = re.compile(r"[^。！？；!?;]+[。！？；!?;]?")
_DISTRIBUTIVE_ITEMS = re.compile(r"(?:对|凡)?(?P<items>[^，。；]+?)(?:的)?(?:企业|单位|项目)?(?:的)?[，]?分别")
_ITEM_BREAK = re.compile(r"[、]|和|及")  # between the items of a 分别 list
_OR = re.compile(r"或者|或")
_DIGIT = re.compile(r"\d")
_LAST_NUMBER = re.compile(r"[0-9０-９.]+(?!.*[0-9０-９])")  # the last number of a table cell
_FORMULA_SIGNS = ("*", "×", "/")  # `×100%` scales a formula: no figure of its own
_BOUND_NOTE = re.compile(r"（(?:含|不含)[^（）]{1,30}）")
_TIER_BREAK = re.compile(r"[、或]")  # between the tiers of one condition segment
# a segment that caps the benefit before it: `单个项目最高不超过200万元`, `最长不超过3年`
_CAP_SEGMENT = re.compile(
    rf"(?:[单每][个家户项件台辆套人名次批]|单一|同一)[^，；。]*(?:{alternation('cap')})[^，；。]{{0,4}}$"
    rf"|^(?:{alternation('cap')})+$"
)


@dataclass
class Block:
    clause: Clause | None
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    responsibility: Responsibility | None = None
    fact_ends: list[int] = field(default_factory=list)  # per paragraph: where its facts end (before the parenthetical)
    by_cells: bool = False  # closed by a task table's cells of units


_SHORT_LINE = 20  # `特此通知。`: a closing formula, not a sentence that names anyone


def _notice_sentences(doc: Document) -> list[tuple[int, int]]:
    """The paragraphs of the notice that issues a policy, kept before its text (`…执行中遇到问题，请径向
    市民政局反映。`): sentences that may name who answers for it. Headings, numbers, dates and the
    list of recipients are not sentences."""
    text = doc.text.text
    return [(a, b) for a, b in doc.front_matter if text[a:b].rstrip().endswith("。") and b - a > _SHORT_LINE]


def blocks_of(doc: Document) -> list[Block]:
    """The preamble and every clause, cut after each responsibility parenthetical, and in a task
    table after each row's cells of units."""
    city, text = doc.meta.city, doc.text.text
    table = task_table(text)
    out: list[Block] = []
    owners: list[tuple[Clause | None, list[tuple[int, int]]]] = [(None, _notice_sentences(doc) + doc.preamble)]
    owners += [(c, c.paragraphs) for c in doc.walk()]
    for clause, paragraphs in owners:
        current = Block(clause)
        for start, end in paragraphs:
            cell = unit_cell(text[start:end], city) if table and start >= table.start else []
            if cell and (current.paragraphs or (out and out[-1].by_cells and out[-1].clause is clause)):
                _add_cell(current if current.paragraphs else out[-1], (start, end), cell, table)
                if current.paragraphs:
                    out.append(current)
                    current = Block(clause)
                continue
            if table and start <= table.start <= end:  # the table's header: its rows start afresh
                current.paragraphs.append((start, end))
                current.fact_ends.append(end)
                out.append(current)
                current = Block(clause)
                continue
            piece = start
            heading = clause is not None and (start, end) == paragraphs[0] and len(paragraphs) > 1
            row = row_units(text[start:end], table_header(text, start), city) if "\t" in text[start:end] else None
            for resp in [row] if row else closings(text[start:end], city):
                current.paragraphs.append((piece, start + resp.end))
                current.fact_ends.append(start + resp.start)
                current.responsibility = resp
                piece = start + resp.end
                if resp.after_title and (piece < end or heading):
                    continue  # a title's bracket (`一、抓好项目建设（牵头单位：…）`) names the units of the text below
                out.append(current)
                current = Block(clause)
            if text[piece:end].strip():
                current.paragraphs.append((piece, end))
                current.fact_ends.append(end)
        if current.paragraphs:
            out.append(current)
    return out


def _add_cell(block: Block, span: tuple[int, int], units: list[str], table: TaskTable) -> None:
    """A row's cell of units closes its block: the first is the 牵头单位 column when the table has one."""
    block.paragraphs.append(span)
    block.fact_ends.append(span[0])
    if not block.by_cells:
        block.by_cells = True
        block.responsibility = Responsibility(units=[], lead=list(units) if table.lead_first else [])
    resp = block.responsibility
    resp.units += [u for u in units if u not in resp.units]


def _title_chains(doc: Document) -> dict[str, list[str]]:
    """Clause id -> titles of the clause and its ancestors (`申报条件` makes a threshold context)."""
    chains: dict[str, list[str]] = {}

    def walk(clause: Clause, above: list[str]) -> None:
        chains[clause.id] = above + ([clause.title] if clause.title else [])
        for child in clause.children:
            walk(child, chains[clause.id])

    for clause in doc.clauses:
        walk(clause, [])
    return chains


def _leads(doc: Document) -> dict[str, tuple[int, int]]:
    """Clause id -> (start, colon) of its parent's last paragraph when that ends in `：`: the clause is
    one item of the list it opens (`2.近3个纳税年度累计在本市纳税：` above `（1）5万—10万元（4分）`)."""
    text, out = doc.text.text, {}
    for parent in doc.walk():
        if parent.paragraphs and parent.children:
            start, end = parent.paragraphs[-1]
            body = text[start:end].rstrip()
            if body.endswith(("：", ":")):
                out.update(dict.fromkeys((c.id for c in parent.children), (start, start + len(body) - 1)))
    return out


_GLUED_NUMBER = re.compile(r"\s*(?P<n>\d{1,2})[.．](?=\d)")


def _list_number_end(text: str, start: int, end: int) -> int:
    """Where a list item's number ends when it is glued to a figure (`1.18—40周岁`, `5.100周岁及以上的`):
    the line before starts with the number before it, or the line after with the next one; else `start`."""
    m = _GLUED_NUMBER.match(text, start, end)
    if not m:
        return start
    n = int(m.group("n"))
    before = text[text.rfind("\n", 0, max(start - 1, 0)) + 1 : start].lstrip()
    after = text[end : end + 8].lstrip()
    previous = n > 1 and before.startswith((f"{n - 1}.", f"{n - 1}．"))
    return m.end() if previous or after.startswith((f"{n + 1}.", f"{n + 1}．")) else start


def _sentences(text: str, block: Block, lead: tuple[int, int] | None = None
               ) -> list[tuple[SentenceFacts, list[Amount]]]:
    """The block's sentences (the responsibility parenthetical left out) with their amounts; `lead`: the
    paragraph ending in `：` that the block's clause continues."""
    out = []
    for (start, _), end in zip(block.paragraphs, block.fact_ends, strict=True):
        in_table = "\t" in text[start:end]
        header = table_header(text, start) if in_table else ""
        caption = table_caption(text, start) if in_table else None
        label = _list_number_end(text, start, end)
        for m in _SENTENCE.finditer(text, start, end):
            if m.group(0).strip():
                skip = max(label - m.start(), 0)  # `1.18—40周岁` between `年龄` and `2.40周岁以上`: 1. and 18
                amounts = find_amounts(m.group(0)[skip:], m.start() + skip)
                if header or caption:
                    amounts = _with_lent_units(text, m.start() + skip, m.end(), header, amounts, caption)
                out.append((SentenceFacts(m.start(), m.end(), header=header, lead=lead), amounts))
    return out


def _with_lent_units(text: str, start: int, end: int, header: str, amounts: list[Amount],
                     caption: tuple[str, frozenset[str]] | None = None) -> list[Amount]:
    """`amounts` of a table row with the bare numbers of its cells read in the unit their column header,
    the row's label or the table's caption carries (`50` under `奖励标准（万元）`, `4000` in the 保险金额
    column of a table captioned `（保险金额单位：元/亩）`): their span and quote stay the cell's own text."""
    lent = []
    row_start = text.rfind("\n", 0, start) + 1
    label_end = text.find("\t", row_start, end)
    label = text[row_start:label_end] if label_end >= 0 else ""
    header_rows = [row.split("\t") for row in header.split("\n")]
    for k, cell in enumerate(re.finditer(r"[^\t\n ]+(?: +[^\t\n ]+)*", text[start:end]), 1):
        at, cell_end = start + cell.start(), start + cell.end()
        column = text.count("\t", row_start, at)  # a row may have lost its empty last cells
        above = [cells[column] for cells in header_rows if len(cells) > column]
        # a caption's unit serves every column, or the columns it names
        named = caption and (not caption[1] or (above and any(above[-1].strip().endswith(c) for c in caption[1])))
        captioned = caption[0] if named else None
        unit = lent_unit(above[-1] if above else "", label, cell.group(0), captioned)
        if not unit or any(a.start < cell_end and at < a.end for a in amounts):
            continue
        written = cell.group(0)
        last = _LAST_NUMBER.search(written)  # the unit goes after the last number: `80以上` -> `80万元以上`
        # the ids are kept apart from the row's own ranges and lists
        for a in find_amounts(written[: last.end()] + unit + written[last.end() :]):
            lent.append(a._replace(start=at + a.start, end=min(at + a.end, cell_end),
                                   written=text[at + a.start : min(at + a.end, cell_end)],
                                   range_id=None if a.range_id is None else 1000 * k + a.range_id,
                                   list_id=None if a.list_id is None else 1000 * k + a.list_id))
    return sorted(amounts + lent, key=lambda a: a.start) if lent else amounts


def table_header(text: str, start: int) -> str:
    """The header rows of the table whose row starts at `start`: the rows without a figure that
    open its run of tab-separated lines (a numbered row is a clause of its own, so the header is
    looked up in the text, not in the row's block)."""
    return _table_headers(text)[0].get(start, "")


def table_caption(text: str, start: int) -> tuple[str, frozenset[str]] | None:
    """The unit the line over the table whose row starts at `start` gives its bare numbers (`caption_unit`)."""
    return _table_headers(text)[1].get(start)


@lru_cache(maxsize=2)
def _table_headers(text: str) -> tuple[dict[int, str], dict[int, tuple[str, frozenset[str]]]]:
    """Line start -> the header rows over it, and -> the unit its table's caption gives, for every
    tab-separated line of `text` (one pass: a long table would cost a walk back to its top per row)."""
    out: dict[int, str] = {}
    captions: dict[int, tuple[str, frozenset[str]]] = {}
    header: list[str] | None = None  # None: not in a table; the figure-less rows that open it
    caption = None
    opening = False
    pos = 0
    previous = ""
    for line in text.split("\n"):
        if "\t" not in line:
            header = None
        else:
            if header is None:
                header, opening = [], True
                caption = caption_unit(previous)
            out[pos] = "\n".join(header)
            if caption:
                captions[pos] = caption
            if opening and not _DIGIT.search(line):
                header.append(line)
            else:
                opening = False
        pos += len(line) + 1
        previous = line
    return out, captions


def _group(text: str, sentence: SentenceFacts, amounts: list[Amount], cues: Cues) -> SentenceFacts:
    """Group the amounts, leaving out those inside a period word (`近2年` is not a figure to meet),
    the factor of a formula (`…/辖区内常住人口数*100%`) and the bounds a range restates to say
    which ends it includes (`1万—3万元（含1万元，不含3万元）`: they mark the bounds instead)."""
    if not amounts:  # most sentences: no groups
        return sentence
    periods = cues.within(sentence.start, sentence.end, "PERIOD")
    kept = [a for a in amounts if not any(p.start <= a.start and a.end <= p.end for p in periods)
            and (text[a.start - 1 : a.start] not in _FORMULA_SIGNS or not on("formula_factor"))]
    sentence.groups = group_amounts(_bounds_marked(text, sentence, kept) if on("bound_notes") else kept)
    return sentence


def _bounds_marked(text: str, sentence: SentenceFacts, amounts: list[Amount]) -> list[Amount]:
    """`amounts` without those restated in a `（含X，不含Y）` right after their range; the restated
    ones set whether the bound they repeat is included."""
    out: list[Amount] = []
    for note in _BOUND_NOTE.finditer(text, sentence.start, sentence.end):
        inside = [a for a in amounts if note.start() < a.start and a.end < note.end()]
        before = [a for a in amounts if a.end <= note.start()][-2:]
        if not inside or not all(any(b.value == a.value for b in before) for a in inside):
            continue
        for a in inside:
            included = not text[note.start() : a.start].endswith("不含")
            amounts = [b._replace(inclusive=included) if b in before and b.value == a.value else b for b in amounts]
            before = [b._replace(inclusive=included) if b.value == a.value else b for b in before]
        out += inside
    return [a for a in amounts if a not in out]


def _distributed_items(text: str, sentence: SentenceFacts, g: Group, since: int) -> tuple[list[str], str]:
    """`对获得A、B认定的分别给予50万元、20万元`: the items the amounts are paid for, in order, and
    the list as written; ([], "") when there is none."""
    head = strip_label(text[max(since, sentence.start) : g.start])
    if "分别" not in head:
        return [], ""
    m = list(_DISTRIBUTIVE_ITEMS.finditer(head))
    if not m:
        return [], ""
    written = m[-1].group("items")
    items = [i for i in _ITEM_BREAK.split(written) if i]
    if len(items) != len(g.amounts):
        return [], ""
    return _shared_context(items), written


@cache
def _recognised() -> re.Pattern:
    """How the name of a recognition ends (normalize/data/recognitions.json: what is recognised, 企业, 中心,
    奖…, then perhaps a closing word, 认定, 称号…)."""
    data = json.loads((resources.files("zhengce.normalize") / "data" / "recognitions.json").read_text(encoding="utf-8"))
    heads, tails = ("|".join(map(re.escape, data[key])) for key in ("heads", "tails"))
    return re.compile(rf"(?:{heads})[”\"]?(?:{tails})?$")


def _shared_context(items: list[str]) -> list[str]:
    """`获得国家级、省级、市级工业设计中心`: each level with the words around the list,
    `获得省级工业设计中心`. Applied when the listed words end alike (级, 奖, 类…);
    otherwise the items are left as written."""
    from .words import words

    if len(items) < 2:
        return items
    first, last = words(items[0]), words(items[-1])
    elements = [first[-1], *items[1:-1], last[0]]
    if len({e[-1] for e in elements}) != 1 or any(len(e) > 4 for e in elements):
        return items
    prefix, suffix = "".join(first[:-1]), "".join(last[1:])
    return [prefix + e + suffix for e in elements]


class _RuleWriter:
    def __init__(self, doc: Document, cues: Cues):
        self.doc, self.cues, self.text = doc, cues, doc.text.text
        self.policy = doc.meta.policy_title or doc.meta.title or ""
        self.issued = int(doc.meta.dated[:4]) if doc.meta.dated else None
        self.rules: list[dict] = []
        self.per_clause: Counter[str] = Counter()  # rules written so far per clause: the next id's number
        self.block_conditions: list[dict] = []  # conditions of the block being written, in order
        self.unsure: list[str] = []  # why the roles of the sentence being written are guesses
        # where the last sentence with figures ended in `；`, and how its last figure was decided: the
        # next clause of the list goes on from it (`…在职职工为70%；二级医院的，在职职工为60%`)
        self.carried: tuple[int, Decision] | None = None

    def add(self, block: Block, sentence: SentenceFacts | None, kind: str, units: tuple[list[str], list[str]],
            own_text: bool = False, **facts):
        """Write one rule; its `text` is the block's paragraphs, or with `own_text` its sentence alone
        (a duty stated in one sentence of an article that states others)."""
        cid = block.clause.id if block.clause else "preamble"
        self.per_clause[cid] += 1
        n = self.per_clause[cid]
        b_start, b_end = block.paragraphs[0][0], block.paragraphs[-1][1]
        span = (sentence.start, sentence.end) if sentence else (b_start, b_end)
        rule = {
            "id": f"{cid}#{n}",
            "kind": kind,
            "clause": cid,
            "clause_label": block.clause.label if block.clause else None,
            "clause_title": block.clause.title if block.clause else None,
            "text": as_written(self.doc.text, sentence.start, sentence.end) if own_text and sentence
            else "\n".join(as_written(self.doc.text, s, e) for s, e in block.paragraphs),
            "quote": as_written(self.doc.text, sentence.start, sentence.end) if sentence else None,
            "span": [sentence.start, sentence.end] if sentence else [b_start, b_end],
            "source_span": list(self.doc.text.source_span(*span)),
            "page": self.doc.text.page(sentence.start if sentence else b_start),
            "conditions": facts.get("conditions", []),
            "condition_logic": facts.get("logic"),
            "benefits": facts.get("benefits", []),
            "targets": facts.get("targets", []),
            "others": facts.get("others", []),
            "responsible_units": units[0],
            "lead_units": units[1],
            "review": list(self.unsure),
        }
        self.rules.append(rule)

    def _continues_previous(self, sentence: SentenceFacts, g: Group, said: list[dict]) -> bool:
        """A benefit segment with no beneficiary of its own (`，给予最高5000万元奖励`,
        `单个项目最高不超过200万元`) adds to the benefit just before it in the sentence; one that opens with a
        giving word after conditions in words (`，取得X证的，给予5万元`) is a benefit of its own."""
        if not self.rules or self.rules[-1]["span"] != [sentence.start, sentence.end]:
            return False
        if self.rules[-1]["kind"] != "benefit":
            return False
        seg_start, _ = segment_of(self.text, Place(g.start, g.end, sentence.start, sentence.end))
        cues = self.cues.within(seg_start, g.start, "GIVE")
        opens_with_benefit = bool(cues) and cues[0].start == seg_start
        return (opens_with_benefit and not said) or bool(_CAP_SEGMENT.search(self.text[seg_start : g.start]))

    def _distributed_conditions(self, sentence, g: Group, pending: list[dict], tiers, prev_end: int) -> list[list]:
        """The conditions of each member of a `分别` benefit list: the paired tier of a threshold list
        (`超过A、B、C的…分别给予X、Y、Z`), or the paired item of the beneficiary (`对获得A、B认定的分别给予X、Y`);
        [] when the list is not distributive."""
        if g.is_list and tiers and len(tiers) == len(g.amounts) and "分别" in self.text[prev_end : g.start]:
            shared = [c for c in pending if c not in tiers]
            return [shared + [tier] for tier in tiers]
        items, quote = _distributed_items(self.text, sentence, g, prev_end)
        if items:  # `对获得A、B认定的分别给予…`: the list read in words is each item's own condition
            pending = [c for c in pending
                       if c.get("kind") != "qualification" or (quote not in c["text"] and c["text"] not in quote)]
        if not any(_recognised().search(item) for item in items):
            # `区级、街道（镇）级…设施分别不少于60万元、40万元`: kinds of beneficiary, not recognitions it must hold
            return [pending if i == 0 else [] for i in range(len(items))]
        return [(pending if i == 0 else []) + [{"kind": "qualification", "text": item, "quote": quote}]
                for i, item in enumerate(items)]

    def _benefit_rules(self, block, sentence, g: Group, conditions: tuple[list[dict], list[dict]], tiers,
                       prev_end: int, units) -> None:
        """Rules for one benefit group: a continuation of the previous benefit, one rule per item of a
        distributive list (`分别给予…`), or one rule. `conditions`: those of figures, those in words; words
        before a continuation (`同一企业多个产品列入名单的数量合并计算，单个企业最高…`) are no condition of it."""
        pending, said = conditions
        if not pending and on("continues_previous") and self._continues_previous(sentence, g, said):
            self.rules[-1]["benefits"] += [benefit(self.text, g, a, self.cues, sentence) for a in g.amounts]
            return
        pending = pending + said
        per_item = self._distributed_conditions(sentence, g, pending, tiers, prev_end)
        if per_item:
            for a, conditions in zip(g.amounts, per_item, strict=True):
                bene = [benefit(self.text, g, a, self.cues, sentence)]
                self.add(block, sentence, "benefit", units, conditions=conditions, benefits=bene,
                         logic=logic_of(conditions))
            return
        members = g.amounts[:1] if g.is_range else g.amounts
        bene = [benefit(self.text, g, a, self.cues, sentence) for a in members]
        self.add(block, sentence, "benefit", units, conditions=pending, benefits=bene, logic=logic_of(pending))

    def _clinical(self, sentence: SentenceFacts, conditions: list[dict]) -> bool:
        """Whether every condition is on a clinical test or finding (`支气管舒张试验阳性（FEV1增加≥12%`):
        criteria of a diagnosis a doctor certifies, not facts an applicant's profile holds."""
        def clinical(c: dict) -> bool:
            at = self.text.find(c.get("quote") or "\0", sentence.start, sentence.end)
            return c.get("kind") is None and at >= 0 and bool(
                self.cues.within(at, at + len(c["quote"]), "CLINICAL"))
        return all(map(clinical, conditions))

    def sentence_rules(self, block: Block, sentence: SentenceFacts, titles: list[str], units) -> int:
        """Rules of one sentence; returns how many it wrote."""
        if not sentence.groups and not SIGN.search(self.text, sentence.start, sentence.end):
            return 0  # no figure and no sign condition: nothing to write (most sentences)
        before = len(self.rules)
        carried = self.carried[1] if self.carried and not self.text[self.carried[0] : sentence.start].strip() else None
        classify(self.text, sentence, self.cues, titles, self.policy, carried, self.issued)
        last = sentence.groups[-1] if sentence.groups else None
        self.carried = (sentence.end, Decision(last.role, last.decided_by, last.unsure)) if last and \
            self.text[sentence.end - 1 : sentence.end] == "；" else None
        self.unsure = [_unsure_reason(g) for g in sentence.groups if g.unsure and g.amounts[0].kind != "quantity"]
        pending: list[dict] = []
        tiers: list[dict] | None = None  # conditions of one enumeration, paired with a 分别 benefit list
        targets: list[dict] = []
        others: list[dict] = []
        prev_end = sentence.start
        bounds = (sentence.start, sentence.end)
        for g in sentence.groups:
            if g.role == THRESHOLD:
                pending += written_conditions(self.text, prev_end, g.start, *bounds)
                new = condition(self.text, g, prev_end, self.cues, sentence, self.block_conditions)
                self.block_conditions += new
                tiers = new if g.is_list else None
                pending += new
            elif g.role == BENEFIT:
                pending += sign_conditions(self.text, prev_end, g.start, self.cues)
                said = written_conditions(self.text, prev_end, condition_end(self.text, prev_end, g.start, *bounds),
                                          *bounds)
                self._benefit_rules(block, sentence, g, (pending, said), tiers, prev_end, units)
                pending, tiers = [], None
            elif g.role == TARGET:
                targets += [target(self.text, g, a, self.cues, sentence) for a in g.amounts]
            else:
                others += [quantity(a) for a in g.amounts]
            prev_end = g.end
        pending += sign_conditions(self.text, prev_end, sentence.end, self.cues)
        if pending:
            pending += written_conditions(self.text, prev_end, condition_end(self.text, prev_end, None, *bounds),
                                          *bounds)
            kind = "criterion" if self._clinical(sentence, pending) else "eligibility"
            self.add(block, sentence, kind, units, conditions=pending, logic=logic_of(pending), others=others)
            others = []
        if targets:
            self.add(block, sentence, "target", units, targets=targets, others=others)
        elif others and len(self.rules) > before:
            self.rules[-1]["others"] += others
        elif any(g.role == OTHER and (g.amounts[0].kind != "quantity" or g.decided_by) for g in sentence.groups):
            self.add(block, sentence, "other", units, others=others)  # a figure stated for neither side: kept
        self.unsure = []
        return len(self.rules) - before


def _unsure_reason(g: Group) -> str:
    written = "、".join(a.written for a in g.amounts)
    how = f"read as {g.role} only because of {g.decided_by}" if g.decided_by else "no role rule fits"
    return f"unsure role for {written}: {how}"


def logic_of(conditions: list[dict]) -> dict | None:
    """How the conditions combine: tiers joined by 、 or 或 are alternatives, the rest all hold.

    `当年营业收入达到10亿元以上且同比增长幅度达到10%以上、当年营业收入5（含5亿）-10亿元且…` is
    one segment whose 、-parts test the same variables at other levels: any one part, all of it.
    """
    if not conditions:
        return None
    items: list[int | dict] = []
    for quote in dict.fromkeys(c.get("quote", "") for c in conditions):
        indexes = [i for i, c in enumerate(conditions) if c.get("quote", "") == quote]
        tiers = _tiers(quote, [conditions[i] for i in indexes])
        if tiers:
            items.append({"any": [{"all": [indexes[j] for j in tier]} for tier in tiers]})
        else:
            items += indexes
    if len(items) == 1 and isinstance(items[0], dict):
        return items[0]
    if all(isinstance(i, int) for i in items) and _or_between(conditions):
        return {"any": items}
    return {"all": items}


def _or_between(conditions: list[dict]) -> bool:
    """Whether 或 joins two of the figures (`营业收入1000万元以上或纳税100万元以上`, also across a comma),
    not only two words of one metric (`家庭收入或者家庭财产在准入限额1.5倍至3倍以内` is one range)."""
    previous = None
    for c in conditions:
        quote = c.get("quote", "")
        cursor = previous[1] if previous and previous[0] == quote else 0
        found = quote.find(c.get("text") or "\0", cursor)
        if found < 0:
            return any(_OR.search(c.get("quote", "")) for c in conditions)  # not found as written: the quotes whole
        if previous and _OR.search(quote, cursor, found):
            return True
        previous = (quote, found + len(c["text"]))
    return False


def _tiers(quote: str, conditions: list[dict]) -> list[list[int]]:
    """Positions of `conditions` grouped by the 、/或 part of `quote` they are written in, when
    two or more parts test the same variables; [] otherwise."""
    bounds = [m.end() for m in _TIER_BREAK.finditer(quote)]
    parts: dict[int, list[int]] = {}
    cursor = 0
    for j, c in enumerate(conditions):
        at = quote.find(c.get("text", ""), cursor) if c.get("text") else -1
        if at < 0 or not c.get("variable"):
            return []
        cursor = at + len(c["text"])
        parts.setdefault(sum(1 for b in bounds if b <= at), []).append(j)
    tiers = list(parts.values())
    if [len(t) for t in tiers] == [1, 1] and conditions[tiers[0][0]].get("op") in (">", ">=") and \
            conditions[tiers[1][0]].get("op") in ("<", "<="):
        return []  # `5亿元（含）以上、不足10亿元`: the two ends of one range
    variables = [{conditions[j]["variable"].split(".")[0] for j in tier} for tier in tiers]
    return tiers if len(tiers) > 1 and all(v == variables[0] for v in variables) else []


def _drawn_in(sentence: str, city: str | None) -> list[str]:
    """The bodies a sentence brings in to work with the block's own (`会同城管执法、市场监管等部门…`,
    `公安、市场监管等部门积极配合…`)."""
    if not _WORKS_WITH.search(sentence):
        return []
    named = of_sentence(sentence, city)
    return named.units if named else []


def _listed(text: str, sentences: list[SentenceFacts], city: str | None) -> Responsibility | None:
    """The units of a block's responsibility lists written as sentences (`由X牵头，Y配合。`), united."""
    stated = [r for s in sentences if (r := list_statement(text[s.start : s.end], city))]
    if not stated:
        return None
    return Responsibility(units=list(dict.fromkeys(u for r in stated for u in r.units)),
                          lead=list(dict.fromkeys(u for r in stated for u in r.lead)))


def build_rules(doc: Document) -> list[dict]:
    text = doc.text.text
    leads = _leads(doc)
    blocks = [(block, _sentences(text, block, leads.get(block.clause.id) if block.clause else None))
              for block in blocks_of(doc)]
    # The NLP pipeline reads only the sentences that state an amount (and the lists they are items of).
    spans = [(s.start, s.end) for _, found in blocks for s, amounts in found
             if amounts or SIGN.search(text, s.start, s.end)]
    lists = [lead for lead in set(leads.values()) if not any(s < lead[1] and lead[0] < e for s, e in spans)]
    cues = Cues.of_spans(text, sorted(spans + lists))
    writer = _RuleWriter(doc, cues)
    chains = _title_chains(doc)
    standing: dict[str, list[str]] = {}
    first_lead = first_leads(text)
    for block, found in blocks:
        top = block.clause.id.split(".")[0] if block.clause else "preamble"
        sentences = [_group(text, s, amounts, cues) for s, amounts in found]
        resp = block.responsibility or _listed(text, sentences, doc.meta.city)
        if resp and resp.standing:
            standing[top] = resp.standing
        titles = chains.get(block.clause.id, []) if block.clause else []
        writer.block_conditions = []
        if resp:  # a closing statement names the units of the whole block, and those it works with
            joined = [u for s in sentences for u in _drawn_in(text[s.start : s.end], doc.meta.city)]
            extra = [u for u in standing.get(top, []) + joined if u not in resp.units]
            lead = resp.lead or (resp.units[:1] if first_lead else [])
            units = (resp.units + list(dict.fromkeys(extra)), lead)
            wrote = sum(writer.sentence_rules(block, s, titles, units) for s in sentences)
            if not wrote:
                writer.add(block, None, "measure", units)
            continue
        for s in sentences:  # otherwise each sentence names its own: one duty per sentence
            named = of_sentence(text[s.start : s.end], doc.meta.city)
            units = ([], []) if named is None else (named.units, named.lead)
            units = (units[0] + [u for u in standing.get(top, []) if u not in units[0]], units[1])
            wrote = writer.sentence_rules(block, s, titles, units)
            if named and wrote:
                _narrow_to_sentence(writer.rules[len(writer.rules) - wrote :], text[s.start : s.end],
                                    as_written(doc.text, s.start, s.end))
            elif named:
                writer.add(block, s, "measure", units, own_text=True)
    return writer.rules


def _narrow_to_sentence(rules: list[dict], sentence: str, written: str) -> None:
    """Rules whose units their own sentence names read that sentence (`written`, as its file wrote it) as
    their text, so that they lend their units to no other duty of the article; a rule quoting another
    sentence keeps the block."""
    for rule in rules:
        quotes = [q.get("quote") for key in ("conditions", "benefits", "targets") for q in rule[key]]
        if all(q is None or q in sentence for q in quotes):
            rule["text"] = written


def as_written(text: Text, start: int, end: int) -> str:
    """The normalised text of [start, end), with the rows its file wrote as Markdown pipe rows written
    so again (`| 餐饮券 | 满100元减30元 |`): a rule quotes a table row as its reader saw it."""
    piece = text.text[start:end]
    rows = text.source.pipe_rows
    if not rows or "\t" not in piece:
        return piece
    out, at = [], start
    for line in piece.split("\n"):
        source = text.index[at] if line else -1
        out.append(as_pipe_row(line) if "\t" in line and any(a <= source < b for a, b in rows) else line)
        at += len(line) + 1
    return "\n".join(out)
