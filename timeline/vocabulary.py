"""Controlled vocabularies of the dispatch format: kinds, verification, figures, precision.

Each vocabulary maps a stored code to a human label. Codes are what dispatch files,
events and read models carry; labels are what people see.
"""

from __future__ import annotations

from typing import Final

#: Development kinds, with a label and the closest CAMEO code (GDELT) where one exists.
KINDS: Final[dict[str, tuple[str, str | None]]] = {
    "armed_clash": ("Armed clash", "190"),
    "shelling": ("Shelling or bombardment", "195"),
    "casualty_report": ("Casualty report", None),
    "ceasefire_agreed": ("Ceasefire agreed", "0871"),
    "ceasefire_violation_alleged": ("Ceasefire violation alleged", "196"),
    "alliance_meeting": ("Alliance or organisation meeting", "040"),
    "bilateral_talks": ("Bilateral talks", "046"),
    "appeal_for_calm": ("Appeal for calm or restraint", "0256"),
    "statement_of_support": ("Statement of support", "051"),
    "accusation": ("Accusation", "112"),
    "un_security_council": ("Matter raised at the UN Security Council", "040"),
    "envoy_visit_planned": ("Planned envoy visit", "036"),
    "statement": ("Statement or assessment", "010"),
    "verification_note": ("Verification note", None),
    "background": ("Background history", None),
    # Kinds that the importers (ACLED, UCDP GED) give and the extractor does not.
    "attack_on_civilians": ("Attack on civilians", "180"),
    "protest": ("Protest", "140"),
    "rioting": ("Riot or mob violence", "145"),
    "arrest": ("Arrest or detention", "173"),
    "strategic_development": ("Other strategic development", None),
}

#: Kinds only the dataset importers give: the extraction lexicon has no cues for them.
IMPORT_ONLY_KINDS: Final = frozenset(
    {"attack_on_civilians", "protest", "rioting", "arrest", "strategic_development"}
)

#: Verification status of a development, as the report presents it.
VERIFICATION: Final[dict[str, str]] = {
    "confirmed": "confirmed",
    "claimed": "claimed by one party",
    "disputed": "disputed",
    "unverified": "unverified",
}

#: Casualty figure categories.
FIGURE_CATEGORIES: Final[tuple[str, ...]] = ("killed", "wounded", "captured", "missing")

#: Precision of an occurred interval, coarsest last.
PRECISIONS: Final[tuple[str, ...]] = (
    "hour",
    "day",
    "night",
    "week",
    "month",
    "year",
    "approximate",
)


def kind_label(kind: str) -> str:
    return KINDS[kind][0] if kind in KINDS else kind
