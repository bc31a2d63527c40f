"""Label sets for evaluation, and the maps into them.

- plover16: the 16 PLOVER 2.0 types.
- plover15: YIELD stands for CONCEDE and RETREAT together.
- plover05: gold in PLOVER 0.5b1 names (DEMAND, DISAPPROVE, INVESTIGATE,
  FIGHT), scored in PLOVER 2.0 names.
- acled: CASE 2021 label ids (ACLED sub-event types plus DIPLO, ATTRIB, ...);
  a PLOVER prediction is mapped through the ACLED crosswalk.

The renames live in crosswalk.yaml (label_sets); "NONE" stands for "no event
predicted" and is never a gold label, so it always counts as wrong.
"""

from __future__ import annotations

from collections.abc import Sequence

from detente.errors import DetenteError
from detente.knowledge.crosswalk import CASE2021_LABELS, CASE_ID_FOR_SUBTYPE, case_label_for, load_crosswalk

NONE = "NONE"
LABEL_SETS: dict[str, tuple[str, ...]] = {
    **{name: tuple(spec["labels"]) for name, spec in load_crosswalk().label_sets.items()},
    "acled": tuple(CASE2021_LABELS),
}
"""Label set name -> the labels it scores."""


def check_label_set(labels: str) -> str:
    """The name itself, or E502 when it is not a known label set."""
    if labels not in LABEL_SETS:
        raise DetenteError("E502", f"unknown label set {labels!r}; use one of {', '.join(LABEL_SETS)}",
                           label_set=labels, known=list(LABEL_SETS))
    return labels


def _rename(labels: str) -> dict[str, str]:
    return dict(load_crosswalk().label_sets.get(labels, {}).get("rename") or {})


def _case_id(label: str) -> str:
    """A CASE id from an id or an ACLED sub-event name, in any case."""
    up = label.strip().upper().replace(" ", "_")
    if up in CASE2021_LABELS:
        return up
    for sub, cid in CASE_ID_FOR_SUBTYPE.items():
        if sub.lower() == label.strip().lower():
            return cid
    return up


def normalise_gold(label: str, labels: str, mode: str | None = None) -> str:
    """A gold label in the label set's own names (upper case, renames applied)."""
    check_label_set(labels)
    if labels == "acled":
        return _case_id(label)
    up = label.strip().upper()
    return _rename(labels).get(up, up)


def predicted_label(event: str | None, labels: str, mode: str | None = None,
                    context: Sequence[str] = (), text: str | None = None,
                    recipient_sectors: Sequence[str] = ()) -> str:
    """A predicted PLOVER event (type, mode, context, sentence) as a label of the set."""
    check_label_set(labels)
    if not event:
        return NONE
    if labels == "acled":
        return case_label_for(event, mode, context, recipient_sectors, text)
    up = event.strip().upper()
    return _rename(labels).get(up, up)
