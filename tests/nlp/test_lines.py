from spacy.lang.en import English

from detente.nlp.lines import detente_lines, line_starts


def test_line_breaks_start_sentences():
    nlp = English()
    doc = nlp.make_doc("Talks stall\nEnvoys left Geneva on Friday. They will return.\n\nA new heading")
    assert [doc[i].text for i in line_starts(doc)] == ["Envoys", "A"]
    doc = detente_lines(doc)
    assert doc[2].is_space and doc[3].is_sent_start
    assert not doc[4].is_sent_start  # inside a line the parser decides


def test_a_possessive_never_starts_a_sentence():
    from datetime import datetime, timezone

    from detente.nlp.pipeline import load_pipeline, make_doc
    from detente.records import Article

    nlp = load_pipeline()
    text = ("Libya\nLibya\u2019s warring factions have accused each other of violating the truce, as fighting "
            "went on near the capital on Sunday.\nThe halt held for a few hours.")
    doc = nlp(make_doc(nlp, Article(id="x", text=text, published=datetime(2020, 1, 13, tzinfo=timezone.utc))))
    assert any(s.text.startswith("Libya\u2019s warring factions") for s in doc.sents)
