from spacy.lang.en import English

from detente.nlp.lines import detente_lines, line_starts


def test_line_breaks_start_sentences():
    nlp = English()
    doc = nlp.make_doc("Talks stall\nEnvoys left Geneva on Friday. They will return.\n\nA new heading")
    assert [doc[i].text for i in line_starts(doc)] == ["Envoys", "A"]
    doc = detente_lines(doc)
    assert doc[2].is_space and doc[3].is_sent_start
    assert not doc[4].is_sent_start  # inside a line the parser decides
