"""detente_page: the lines of a page that are not the report (no model needed)."""

from __future__ import annotations

from spacy.lang.en import English

from detente.nlp.page import detente_page, line_kind, page_lines


def test_captions_link_lists_bylines_and_boilerplate():
    assert line_kind("Displaced families wait for water in Khan Younis. (Photo: Staff/Agency)") == "caption"
    assert line_kind("This combination of pictures shows the two leaders at earlier summits.") == "caption"
    assert line_kind("Read more: Truce talks stall in Doha") == "link_list"
    assert line_kind("- Also read: Who are the M23 rebels?") == "link_list"
    assert line_kind("By Amina Yusuf and Tom Reed, Meridian Wire") == "byline"
    assert line_kind("Share on Facebook | Share on X | Copy link") == "boilerplate"
    assert line_kind("We use cookies to improve your experience.") == "boilerplate"


def test_headings_are_short_lines_without_closing_punctuation():
    assert line_kind("Israel and Hamas agree to extend the truce") == "heading"
    assert line_kind("Home | World | Middle East | Africa") == "heading"
    assert line_kind("The army said the truce held overnight in most of the city.") is None
    assert line_kind("By Tuesday the truce had collapsed.") is None  # prose, not a byline


def test_one_line_text_is_a_sentence_not_a_page():
    assert page_lines("Hamas accused Israel of breaking the truce") == []
    assert page_lines("File photo: Hamas fighters hand over hostages in Gaza") == []
    text = "Truce holds in Gaza\nHamas accused Israel of breaking the truce on Friday."
    assert page_lines(text) == [(0, 19, "heading")]


def test_component_sets_a_span_per_line():
    nlp = English()
    text = "Truce holds\nThe truce held overnight, officials said.\nRead more: Gaza talks resume"
    doc = detente_page(nlp.make_doc(text))
    assert [(s.text, s.label_) for s in doc.spans["page"]] == [
        ("Truce holds", "heading"), ("Read more: Gaza talks resume", "link_list")]


def test_datelines_are_marked_and_are_never_actors():
    text = ("PRETORIA, South Africa (Wire) \u2014 Ethiopia's government and the TPLF signed a truce.\n"
            "KYIV (Agency) - Drones hit the city overnight.\nThe US - led coalition said it would stay.")
    assert [(text[s:e], k) for s, e, k in page_lines(text)] == [
        ("PRETORIA, South Africa (Wire) \u2014", "dateline"), ("KYIV (Agency) -", "dateline")]


def test_a_title_case_dateline_needs_a_date_and_an_agency_or_a_year():
    text = ("Bangkok, Oct 29 (AP/UNB) \u2013 A rebel group announced a ceasefire.\n"
            "Bangkok, the capital, was quiet.\n"
            "Geneva, 4 March 2021 - The envoy welcomed the deal.\n"
            "Geneva, 4 March - The envoy welcomed the deal.\n")
    assert [(text[s:e], k) for s, e, k in page_lines(text)] == [("Bangkok, Oct 29 (AP/UNB) \u2013", "dateline"),
                                                              ("Geneva, 4 March 2021 -", "dateline")]


def test_a_quoted_short_line_is_a_heading():
    assert line_kind("'No go-between'") == "heading"
    assert line_kind('"We will not retreat."') is None


def test_a_credit_line_makes_the_line_above_it_a_caption():
    text = ("Envoys meet in Doha\n"
            "The envoy speaks to reporters outside the talks venue on Monday.\n"
            "(Jane Roe / Meridian Wire)\n"
            "The army said on Monday that it would respect the truce.\n"
            "(The talks resume on Friday.)")
    kinds = [(text[s:e], kind) for s, e, kind in page_lines(text)]
    assert ("The envoy speaks to reporters outside the talks venue on Monday.", "caption") in kinds
    assert ("(Jane Roe / Meridian Wire)", "caption") in kinds
    assert not [k for k in kinds if k[0].startswith("The army")]
    assert not [k for k in kinds if k[0].startswith("(The talks")]  # an aside in brackets is prose


def test_a_dated_line_with_no_full_stop_and_a_file_credit_are_captions():
    """Old photos carry old years: a caption must not date the page or give events."""
    assert line_kind("A rebel fighter stands guard outside the regional assembly in the north on June 23, 2013") \
        == "caption"
    assert line_kind("Soldiers patrol the streets on 3 February 2013 in the town \u00a9Jo Smith (AFP/File)") == "caption"
    assert line_kind("The army said it had shot down four drones on June 23, 2013.") is None
    assert line_kind("Bamako (AFP) - Former rebels and pro-government fighters have signed a new ceasefire, "
                     "officials said.") is None


def test_the_enumerated_terms_of_a_deal_are_marked_under_the_line_that_introduces_them():
    text = ("The two defence ministers met at the border crossing on Saturday.\n"
            "The main points of the joint statement are as follows:\n"
            "1) Both sides agree to an immediate ceasefire from noon on 27 December.\n"
            "2) The 12 detained soldiers will be returned within 72 hours.\n"
            "The statement was read out on state television.\n")
    kinds = [(text[a:b][:2], k) for a, b, k in page_lines(text)]
    assert kinds == [("1)", "terms"), ("2)", "terms")]
    # a numbered list with nothing introducing a deal's terms is prose
    plain = "Three things happened overnight.\n1) The army shelled the port.\n2) Rebels downed a drone.\n"
    assert page_lines(plain) == []


def test_a_picture_agency_s_place_and_date_end_a_caption():
    # "..., <Country>, <date>." is how picture agencies caption; prose dates with "on"
    assert line_kind("Delegates pose for a group photo before the talks in Geneva, Switzerland, March 3, 2031.") \
        == "caption"
    assert line_kind("Rescue workers search the rubble in Sirte, Libya, 4 March 2031.") == "caption"
    assert line_kind("The truce was signed in Geneva, Switzerland, on March 3, 2031.") is None


def test_wire_file_photo_and_un_photo_captions():
    assert line_kind("FILE - Delegates attend a ceremony in Havana, Cuba, June 9, 2031. (Photo/Agency, File)") == "caption"
    assert line_kind("FILE \u2013 Soldiers patrol a road in the province on Tuesday.") == "caption"
    assert line_kind("The Security Council votes on the resolution. UN Photo/Staff") == "caption"
    assert line_kind("File transfers between the two sides resumed on Monday.") is None


def test_a_line_the_page_already_printed_is_a_repeat():
    headline = "Army and rebels trade blame as the Lakeside truce frays in the north"
    text = (f"{headline}\n\n{headline}.\n\nThe army said rebels shelled two villages on Sunday.\n"
            f"\u201c{headline}\u201d\nThe rebels denied it.\nThe rebels denied it.\nNo.\nNo.")
    kinds = [(text[s:e], k) for s, e, k in page_lines(text)]
    assert kinds == [(headline, "heading"), (f"{headline}.", "repeat"), (f"\u201c{headline}\u201d", "repeat"),
                     ("The rebels denied it.", "repeat")]  # a word or two said twice is not a copy


def test_a_dateline_after_an_aggregators_bracketed_tag():
    text = ("Truce teams to deploy\n(FEEDHUB- Gulf News Agency (GNA)) MANILA, Aug 7 (GNA) - Both sides agreed "
            "on Thursday to deploy monitors.")
    assert [(text[s:e], k) for s, e, k in page_lines(text)][1] == (
        "(FEEDHUB- Gulf News Agency (GNA)) MANILA, Aug 7 (GNA) -", "dateline")
