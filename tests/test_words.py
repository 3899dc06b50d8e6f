"""The segmenter and the cue pipeline: what rule building relies on, exact tokens and offsets."""

import gc

from zhengce.extract.nlp import Cues, lexicon
from zhengce.extract.words import words

from zhengce.pipeline import prepare


def test_every_lexicon_cue_is_one_word():
    # the phrase matcher works on whole tokens: a cue split in two would never match
    assert [p["pattern"] for p in lexicon() if words(p["pattern"]) != [p["pattern"]]] == []


def test_comparison_words_stay_apart_from_money_units():
    # jieba's dictionary has 万元以上 as one word; kept whole, the 以上 cue would be lost
    assert words("营业收入2000万元以上的企业，最高奖励50万元") == [
        "营业收入", "2000", "万元", "以上", "的", "企业", "，", "最高", "奖励", "50", "万元"]


def test_cues_of_several_spans_keep_the_offsets_of_the_whole_text():
    text = "一、总则。对营业收入2000万元以上的企业，最高奖励50万元。其他事项另行通知。"
    first = (text.index("对"), text.index("其他"))
    cues = Cues.of_spans(text, [first, (0, 5)])
    found = [(c.label, text[c.start : c.end], c.id) for c in cues.cues]
    assert found == [  # cues of one span come in lexicon order, a word's attributes in ATTRIBUTES order
        ("METRIC", "营业收入", "营业收入"),
        ("CMP", "以上", ">="),
        ("CMP", "最高", "<="),
        ("GIVE", "最高", "near"),
        ("CAP", "最高", "最高"),
        ("GIVE", "奖励", "strong"),
        ("PAYMENT", "奖励", "奖励"),
        ("KIND", "奖励", "奖励"),
    ]
    assert all(c.text == text[c.start : c.end] for c in cues.cues)
    assert [c.text for c in cues.within(first[0], text.index("，"), "CMP")] == ["以上"]


def test_spaces_are_trailing_whitespace_not_cues():
    cues = Cues.of("营业收入 2000 万元 以上")
    assert [(c.label, c.start, c.end) for c in cues.cues] == [("METRIC", 0, 4), ("CMP", 13, 15)]


def test_prepare_loads_once_and_freezes_what_it_loaded():
    prepare()
    assert gc.get_freeze_count() > 0
