"""A reusable corpus of hostile strings, for every output format's tests.

Article text is untrusted. Each string below carries one kind of attack or breakage:
terminal escape sequences (CSI, OSC 52 clipboard writes, OSC 8 hyperlinks, DCS, 8-bit C1
controls), other control characters, rich markup and emoji codes, Unicode bidirectional
overrides, isolates and marks ("Trojan Source"), invisible characters, HTML and script,
CSV formula injection, Markdown, JSON and format-string breakers, and legitimate text
(right-to-left script, combining marks, emoji) that must survive untouched.

Use it from any test directory::

    from reliability.hostile_strings import HOSTILE, HOSTILE_STRINGS, terminal_leaks

(``tests/`` is on ``sys.path``; from inside ``tests/reliability`` plain
``import hostile_strings`` works as well). Every string is valid dispatch text: at most 200
characters, at least one non-blank character, no lone surrogates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Hostile:
    name: str
    text: str
    #: Fragments that a text rendering must show literally (markup is not interpreted).
    literal: tuple[str, ...] = ()
    #: Control sequences (with the text right after them) that must never appear verbatim.
    sequences: tuple[str, ...] = ()


ESC, BEL, ST = "\x1b", "\x07", "\x1b\\"

HOSTILE: tuple[Hostile, ...] = (
    Hostile("csi-colour", f"Clash {ESC}[31mRED{ESC}[0m end", sequences=(f"{ESC}[31mRED",)),
    Hostile(
        "csi-blink-reverse",
        f"{ESC}[5mblink{ESC}[7mreverse{ESC}[8mhidden{ESC}[m",
        sequences=(f"{ESC}[5mblink", f"{ESC}[7mreverse", f"{ESC}[8mhidden"),
    ),
    Hostile(
        "csi-clear-screen",
        f"wipe {ESC}[2J{ESC}[H{ESC}[3Jgone",
        sequences=(f"{ESC}[2J", f"{ESC}[H{ESC}", f"{ESC}[3Jgone"),
    ),
    Hostile(
        "csi-cursor-overwrite",
        f"safe{ESC}[1A{ESC}[2K{ESC}[999Dforged line",
        sequences=(f"{ESC}[1A", f"{ESC}[2K", f"{ESC}[999D"),
    ),
    Hostile(
        "osc52-clipboard-bel",
        f"copy {ESC}]52;c;ZXZpbCBjbGlwYm9hcmQ={BEL} done",
        sequences=(f"{ESC}]52;c;",),
    ),
    Hostile(
        "osc52-clipboard-st",
        f"copy {ESC}]52;c;cm0gLXJmIH4={ST} done",
        sequences=(f"{ESC}]52;c;",),
    ),
    Hostile(
        "osc8-hyperlink",
        f"{ESC}]8;;https://evil.example/{ST}innocent{ESC}]8;;{ST}",
        sequences=(f"{ESC}]8;;https://evil",),
    ),
    Hostile("osc-window-title", f"{ESC}]0;owned title{BEL} text", sequences=(f"{ESC}]0;owned",)),
    Hostile("dcs-query", f"{ESC}P+q544e{ST} dcs", sequences=(f"{ESC}P+q",)),
    Hostile(
        "c1-csi",
        "\x9b31mC1 red\x9b0m and \x9b2Jclear",
        sequences=("\x9b31mC1", "\x9b2Jclear"),
    ),
    Hostile("c1-osc", "\x9d52;c;ZXZpbA==\x9c c1 osc", sequences=("\x9d52;c;",)),
    Hostile("c1-next-line", "next\x85line \x84index \x8dreverse", sequences=("\x85line",)),
    Hostile(
        "c0-controls",
        "bell\x07 back\x08space del\x7f nul\x00 vt\x0b ff\x0c cr\rreturn so\x0e si\x0f",
        sequences=("\rreturn", "\x08space"),
    ),
    Hostile("newlines-and-tabs", "two\nlines\tand\r\nbreaks\n\n\tindented"),
    Hostile(
        "rich-markup",
        "[bold red]boom[/] [link=https://evil.example]link[/link] [blink]x[/blink] [/]",
        literal=("[bold", "red]boom[/]", "[link=https://evil.example]link[/link]", "[/]"),
    ),
    Hostile(
        "rich-markup-escaped",
        r"\[escaped] [on red]bg[/on red] [reverse]r[/] [@click=app.quit]q[/]",
        literal=(r"\[escaped]", "[reverse]r[/]", "[@click=app.quit]q[/]"),
    ),
    Hostile(
        "emoji-codes",
        ":smile: :warning: :red_circle: :thumbs_up:",
        literal=(":smile:", ":warning:", ":red_circle:"),
    ),
    Hostile("bidi-override", "\u202eevil\u202c \u202dforced ltr\u202c", literal=("evil",)),
    Hostile("bidi-embedding", "\u202aLRE\u202c \u202bRLE\u202c"),
    Hostile("bidi-isolates", "\u2066LRI\u2069 \u2067RLI\u2069 \u2068FSI\u2069"),
    Hostile("bidi-marks", "\u200eLRM \u200fRLM"),
    Hostile("arabic-letter-mark", "ALM\u061c mark"),
    Hostile(
        "trojan-source",
        'access = "user\u202e \u2066// check if admin\u2069 \u2066" // end',
    ),
    Hostile(
        "invisible",
        "zero\u200bwidth\u200cnon\u200djoin\u2060word \ufeffbom \u180emvs \u00adshy",
    ),
    Hostile("line-separators", "para\u2028line\u2029sep"),
    Hostile(
        "unicode-tags",
        "tags\U000e0001\U000e0069\U000e0067\U000e006e\U000e006f\U000e0072\U000e0065\U000e007f",
    ),
    Hostile(
        "html-script",
        "<script>alert(1)</script><img src=x onerror=alert(1)>",
        literal=("<script>alert(1)</script>",),
    ),
    Hostile("html-entities", "&lt;b&gt; &amp; &#x1b; &#27; \"double\" 'single'"),
    Hostile("csv-formula", "=cmd|' /C calc'!A0", literal=("=cmd|'",)),
    Hostile("csv-formula-variants", '+SUM(1+1) -2+3 @SUM(A1) =HYPERLINK("http://x")'),
    Hostile("markdown", "# head **bold** [x](javascript:alert(1)) `code` | pipe |"),
    Hostile("json-breaker", '"}, {"injected": true} \\u001b \\\\ \\"'),
    Hostile("format-strings", "{0} %s %(x)s {{}} ${HOME} $(rm -rf /) `id`"),
    Hostile("right-to-left-script", "أرمينيا وأذربيجان", literal=("أرمينيا",)),
    Hostile("combining-marks", "Z\u0334\u0321\u031b\u034ea\u0336l\u0337g\u0338o\u0335"),
    Hostile("emoji-literal", "🇦🇲 🔥 👩‍👩‍👧", literal=("🇦🇲",)),
)

HOSTILE_STRINGS: list[str] = [hostile.text for hostile in HOSTILE]
BY_NAME: dict[str, Hostile] = {hostile.name: hostile for hostile in HOSTILE}

#: Unicode's Bidi_Control characters: they reorder how text is displayed.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
#: Characters that must never reach a terminal from untrusted text: C0 controls other than
#: newline, DEL, C1 controls, Bidi_Control, and the line and paragraph separators.
TERMINAL_CONTROLS = (
    frozenset(chr(c) for c in range(0x20) if c != 0x0A)
    | frozenset(chr(c) for c in range(0x7F, 0xA0))
    | BIDI_CONTROLS
    | frozenset("\u2028\u2029")
)

#: The escape sequences rich writes itself: SGR colours and cursor show/hide.
RICH_SEQUENCES = re.compile(r"\x1b\[[0-9;]*m|\x1b\[\?25[lh]")


def terminal_leaks(
    output: str, *, colour: bool = False, ignore: frozenset[str] = frozenset()
) -> list[str]:
    """What in ``output`` could only have come from hostile input: control characters, and
    any of the corpus's escape sequences verbatim. With ``colour``, rich's own SGR sequences
    are allowed (they are removed first); ``ignore`` exempts characters (known bugs)."""
    leaks = [seq for hostile in HOSTILE for seq in hostile.sequences if seq in output]
    text = RICH_SEQUENCES.sub("", output) if colour else output
    leaks += sorted({f"U+{ord(c):04X}" for c in text if c in TERMINAL_CONTROLS - ignore})
    return leaks


def json_leaks(document: str, *, ignore: frozenset[str] = frozenset()) -> list[str]:
    """Raw control or bidi characters in JSON text (they must be written as \\u escapes);
    the newlines of indentation are allowed."""
    return sorted({f"U+{ord(c):04X}" for c in document if c in TERMINAL_CONTROLS - ignore})
