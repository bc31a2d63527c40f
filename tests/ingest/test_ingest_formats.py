"""Each input format becomes the Articles it should, with title, time, outlet and metadata."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from detente.ingest import read_source
from detente.records import Article, IngestProblem
from detente.settings import Settings


def only_article(results: list) -> Article:
    assert len(results) == 1, results
    assert isinstance(results[0], Article), results[0]
    return results[0]


def test_dated_header_layout(fixtures, settings):
    path = fixtures / "text" / "header_article.txt"
    art = only_article(read_source(path, settings))
    assert art.title == "Mediators Report Progress on Grain Corridor"
    assert art.published == datetime(2025, 6, 4, 8, 5, tzinfo=timezone.utc)
    assert art.metadata["category"] == "7" and art.metadata["views"] == 1207
    assert art.text.startswith("Mediators said on Wednesday")
    assert "Grain Corridor" not in art.text and "04.06.2025" not in art.text
    assert art.id == Article.make_id(art.text) and art.language == "en"
    assert art.source_path == str(path)
    raw = path.read_text(encoding="utf-8")
    offset = art.metadata["text_offset"]
    assert raw[offset:offset + len(art.text)] == art.text


def test_dated_header_uses_default_tz(fixtures):
    art = only_article(read_source(fixtures / "text" / "header_article.txt", Settings(default_tz="Europe/Kyiv")))
    assert art.published == datetime(2025, 6, 4, 8, 5, tzinfo=ZoneInfo("Europe/Kyiv"))
    assert art.published.utcoffset() == timedelta(hours=3)


def test_header_without_views_line(tmp_path, settings):
    path = tmp_path / "noviews.txt"
    path.write_text("Truce holds for a second day\n3- 01.12.2024, 21:40\n"
                    "The truce along the river held for a second day on Sunday, both armies said.\n", encoding="utf-8")
    art = only_article(read_source(path, settings))
    assert art.title == "Truce holds for a second day" and art.metadata["category"] == "3"
    assert "views" not in art.metadata
    assert art.text == "The truce along the river held for a second day on Sunday, both armies said."


def test_plain_text_short_first_line_is_title_and_text_is_all(fixtures, settings):
    art = only_article(read_source(fixtures / "text" / "plain_article.txt", settings))
    assert art.title == "Prisoner swap completed at border crossing"
    assert art.text.startswith("Prisoner swap completed at border crossing\nBoth sides handed over")
    assert art.published is None and art.metadata == {"text_offset": 0}


def test_plain_text_long_first_line_gives_no_title(fixtures, settings):
    art = only_article(read_source(fixtures / "text" / "nested" / "deeper" / "long_first_line.txt", settings))
    assert art.title is None
    assert art.text.startswith("The defence ministry said on Monday")


def test_html_main_text_and_metadata(fixtures, settings):
    art = only_article(read_source(fixtures / "html" / "truce.html", settings))
    assert art.title == "Envoys agree on a truce in the north"
    assert art.text.startswith("Negotiators from both governments agreed")
    assert "Subscribe" not in art.text and "Home" not in art.text  # boilerplate dropped
    assert art.outlet == "Harbour Post" and art.author == "Mara Quill"
    assert art.url == "https://harbourpost.example/world/truce-north"
    assert art.published == datetime(2025, 4, 2, 9, 30, tzinfo=timezone(timedelta(hours=3)))


def test_rss_one_article_per_entry(fixtures, settings):
    path = fixtures / "feeds" / "wire.rss"
    first, second = read_source(path, settings)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.source_path == f"{path}#1" and second.source_path == f"{path}#2"
    assert first.outlet == "Lakeside Wire" and first.author == "Ona Birch"
    assert first.url == "https://lakesidewire.example/talks-resume"
    # full content wins over the summary; HTML is stripped, paragraphs kept as lines
    assert first.text.split("\n") == [
        "Delegations from the two governments met again on Tuesday to discuss the release of civilian "
        "detainees, a foreign ministry official said.",
        "The official added that a list of forty names had been agreed in principle.",
    ]
    assert first.published == datetime(2025, 3, 11, 14, 20, tzinfo=timezone(timedelta(hours=1)))
    assert first.metadata["tags"] == ["Diplomacy"]
    assert second.text.startswith("Artillery fire hit warehouses") and "<p>" not in second.text
    assert second.published == datetime(2025, 3, 12, 6, 0, tzinfo=timezone.utc)


def test_atom_entry(fixtures, settings):
    art = only_article(read_source(fixtures / "feeds" / "desk.atom", settings))
    assert art.outlet == "Northern Desk" and art.author == "Ilse Varga"
    assert art.title == "Monitors arrive to observe the pullback"
    assert art.published == datetime(2025, 5, 20, 9, 15, tzinfo=timezone(timedelta(hours=2)))
    assert art.text.startswith("A team of unarmed monitors")


def test_json_single_object_extra_fields_in_metadata(fixtures, settings):
    path = fixtures / "json" / "single.json"
    art = only_article(read_source(path, settings))
    assert art.title == "Ministers agree to reopen embassies" and art.outlet == "Example Herald"
    assert art.url == "https://example.org/embassies" and art.author == "Pia Lund"
    assert art.published == datetime(2025, 2, 13, 18, 45, tzinfo=timezone(timedelta(hours=2)))
    assert art.metadata == {"section": "world", "wordcount": 24}
    assert art.source_path == str(path)


def test_json_list_items_are_numbered(fixtures, settings):
    path = fixtures / "json" / "list.json"
    first, second = read_source(path, settings)
    assert first.source_path == f"{path}#1" and second.source_path == f"{path}#2"
    assert first.published == datetime(2025, 1, 10, 16, 0, tzinfo=timezone.utc)  # no zone: default_tz
    assert second.title is None and second.metadata == {"tags": ["aid", "talks"]}


def test_jsonl_with_field_name_overrides(fixtures):
    settings = Settings(field_text="body", field_title="headline", field_url="link",
                        field_published="date", field_outlet="source")
    path = fixtures / "json" / "records.jsonl"
    first, second = read_source(path, settings)
    assert first.source_path == f"{path}:1" and second.source_path == f"{path}:2"
    assert first.title == "Ship with weapons parts detained" and first.outlet == "Harbour Daily"
    assert first.url == "https://example.net/ship" and first.metadata == {"desk": "security"}
    assert second.published == datetime(2025, 7, 8, 11, 0, tzinfo=timezone.utc)


def test_jsonl_default_field_names_do_not_match_custom_records(fixtures, settings):
    results = read_source(fixtures / "json" / "records.jsonl", settings)
    assert [type(r) for r in results] == [IngestProblem, IngestProblem]
    assert all(r.code == "E109" and "'text'" in r.reason for r in results)


def test_unparseable_published_is_kept_raw(tmp_path, settings):
    path = tmp_path / "odd.json"
    path.write_text('{"text": "Both navies agreed to keep their ships apart in the strait, officials said.",'
                    ' "published": "sometime last spring"}', encoding="utf-8")
    art = only_article(read_source(path, settings))
    assert art.published is None and art.metadata == {"published_raw": "sometime last spring"}


def test_utf16_with_bom_is_text(tmp_path, settings):
    path = tmp_path / "wide.txt"
    path.write_bytes("The two sides signed the accord in the morning, the ministry said.\n".encode("utf-16"))
    art = only_article(read_source(path, settings))
    assert art.text == "The two sides signed the accord in the morning, the ministry said."


def test_html_in_declared_legacy_charset(tmp_path, settings):
    page = ("<html><head><meta charset='windows-1252'><title>Caf\u00e9 talks</title></head><body><article>"
            "<p>Envoys met at a caf\u00e9 near the border on Friday and agreed to meet again next week, "
            "a mediator said after the meeting ended.</p></article></body></html>")
    path = tmp_path / "legacy.html"
    path.write_bytes(page.encode("cp1252"))
    art = only_article(read_source(path, settings))
    assert "caf\u00e9 near the border" in art.text


def test_json_non_string_fields_stay_in_metadata(tmp_path, settings):
    path = tmp_path / "odd_types.json"
    path.write_text('[{"text": "Both sides said the exchange of bodies went ahead on Monday.", '
                    '"title": {"en": "Exchange"}, "url": 42}, 7]', encoding="utf-8")
    art, problem = read_source(path, settings)
    assert art.title is None and art.url is None
    assert art.metadata == {"title": {"en": "Exchange"}, "url": 42}
    assert problem.code == "E106" and problem.source == f"{path}#2"
    assert problem.reason == "the record is a number, not a JSON object"


def test_html_blocks_stay_lines_when_the_extractor_joins_them(tmp_path, settings):
    """A heading or caption run into the next sentence would be coded with it."""
    page = ("<html><head><title>Truce agreed | Wire</title></head><body><article><h1>Truce agreed</h1>"
            "<figure><figcaption>Families wait at a crossing. (Photo: Agency)</figcaption></figure>"
            "<h2>Hostages</h2><p>Both sides agreed on Wednesday to a four-day truce, mediators said.</p>"
            "<p>The first exchange is due on Friday.</p></article></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    art = only_article(read_source(path, settings))
    assert art.text.split("\n") == ["Families wait at a crossing. (Photo: Agency)", "Hostages",
                                    "Both sides agreed on Wednesday to a four-day truce, mediators said.",
                                    "The first exchange is due on Friday."]
