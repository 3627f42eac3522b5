"""Finding, validating and normalising links to social-media posts.

Staff report posts by pasting links into Slack.  The bot needs the first real http(s)
link in a message, which platform it points to, and a normalised form so the same
post reported twice (once from a phone with tracking junk, once from a desktop) is
recognised as a duplicate.  All parsing goes through one strict validator so a
spoofed link such as ``https://facebook.com@evil.io`` or
``https://facebook.com.evil.io`` is never mistaken for the platform it imitates.
"""

from __future__ import annotations

import re
from typing import Any, Final, Iterable, Iterator
from urllib.parse import SplitResult, quote, unquote_plus, urlsplit

from bot.labelled_enum import LabelledStrEnum

__all__ = ["Platform", "detect_platform", "first_url", "is_http_url", "normalise_url"]

MAX_URL_LENGTH: Final = 2000


class Platform(LabelledStrEnum):
    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"
    X = "x", "X (Twitter)"
    TIKTOK = "tiktok", "TikTok"
    YOUTUBE = "youtube", "YouTube"
    LINKEDIN = "linkedin", "LinkedIn"
    NEXTDOOR = "nextdoor", "Nextdoor"
    OTHER = "other", "Other"


# Registered domains (and their official short-link domains); subdomains match too.
_PLATFORM_DOMAINS: Final = {
    "facebook.com": Platform.FACEBOOK,
    "fb.com": Platform.FACEBOOK,
    "fb.watch": Platform.FACEBOOK,
    "fb.me": Platform.FACEBOOK,
    "instagram.com": Platform.INSTAGRAM,
    "instagr.am": Platform.INSTAGRAM,
    "twitter.com": Platform.X,
    "x.com": Platform.X,
    "t.co": Platform.X,
    "tiktok.com": Platform.TIKTOK,
    "youtube.com": Platform.YOUTUBE,
    "youtu.be": Platform.YOUTUBE,
    "linkedin.com": Platform.LINKEDIN,
    "lnkd.in": Platform.LINKEDIN,
    "nextdoor.com": Platform.NEXTDOOR,
}

# ------------------------------------------------------------------------- validation
_HOST_LABEL_RE: Final = re.compile(r"(?!-)[\w-]{1,63}(?<!-)")
_FORBIDDEN_CHAR_RE: Final = re.compile(r"[\s\x00-\x1f\x7f\\]")


def _split(value: object) -> SplitResult | None:
    """Parse an http(s) URL, or None if it is not one we are willing to handle.

    Rejected on purpose: whitespace and control characters, backslashes (browsers read
    them as "/", urllib does not, so the two would disagree about the host), user info
    ("https://facebook.com@evil.io" really goes to evil.io), IP literals, localhost
    and dot-less hosts.
    """
    if not isinstance(value, str) or not value or len(value) > MAX_URL_LENGTH:
        return None
    if _FORBIDDEN_CHAR_RE.search(value):
        return None
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or "@" in parts.netloc:
        return None
    if not _is_public_hostname(parts.hostname or ""):
        return None
    return parts


def _is_public_hostname(host: str) -> bool:
    """A DNS name with at least two labels and a non-numeric TLD, not localhost."""
    host = host.removesuffix(".")
    labels = host.split(".")
    if len(host) > 253 or len(labels) < 2 or labels[-1] == "localhost":
        return False
    if not all(_HOST_LABEL_RE.fullmatch(label) for label in labels):
        return False
    # An all-digit TLD means an IPv4 address, not a hostname.
    return any(ch.isalpha() for ch in labels[-1])


def is_http_url(value: str) -> bool:
    """True for an http(s) URL with a real public hostname, no whitespace, ≤ 2000 chars."""
    return _split(value) is not None


# --------------------------------------------------------------------------- extraction
# Slack wraps links as <https://x.y/z|label> or <https://x.y/z>; the same syntax carries
# mentions (<@U1>), channels (<#C1>) and specials (<!here>), skipped as non-http.
_LINK_RE: Final = re.compile(
    r"<(?P<slack>[^<>|\s]+)(?:\|[^<>]*)?>|(?P<plain>https?://[^\s<>\"|`]+)", re.IGNORECASE
)
_TRAILING_PUNCTUATION: Final = ".,;:!?'\"*_~"
_BRACKETS: Final = {")": "(", "]": "[", "}": "{"}
_ATTACHMENT_URL_FIELDS: Final = ("from_url", "original_url", "title_link")
_ATTACHMENT_TEXT_FIELDS: Final = ("text", "pretext", "title", "fallback")


def _unescape_slack(value: str) -> str:
    """Slack sends &, < and > in message text as HTML entities, links included."""
    return value.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _trim_plain_url(url: str) -> str:
    """Drop sentence punctuation after a bare URL, and closing brackets it did not open."""
    url = re.split(r"[<>]", url, maxsplit=1)[0]  # "&lt;https://x.y&gt;" after unescaping
    while url:
        last = url[-1]
        if last in _TRAILING_PUNCTUATION or (last in _BRACKETS and url.count(last) > url.count(_BRACKETS[last])):
            url = url[:-1]
        else:
            break
    return url


def _urls_in_text(text: object) -> Iterator[str]:
    if not isinstance(text, str):
        return
    for match in _LINK_RE.finditer(text):
        if match["slack"] is not None:
            candidate = _unescape_slack(match["slack"])
        else:
            candidate = _trim_plain_url(_unescape_slack(match["plain"]))
        if is_http_url(candidate):
            yield candidate


def _urls_in_attachments(attachments: object) -> Iterator[str]:
    if not isinstance(attachments, Iterable) or isinstance(attachments, (str, bytes)):
        return
    for attachment in attachments:
        if not isinstance(attachment, dict):
            continue
        for field in _ATTACHMENT_URL_FIELDS:
            value = attachment.get(field)
            if isinstance(value, str) and is_http_url(value.strip()):
                yield value.strip()
        for field in _ATTACHMENT_TEXT_FIELDS:
            yield from _urls_in_text(attachment.get(field))


def first_url(text: str | None, attachments: list[dict[str, Any]] | None = None) -> str | None:
    """The first http(s) URL in a Slack message: its text first, then its attachments.

    Understands Slack's ``<url|label>`` / ``<url>`` markup and bare URLs; in attachments
    (link unfurls, shared messages) looks at from_url, original_url, title_link and the
    text fields.  Never raises.
    """
    for url in _urls_in_text(text):
        return url
    for url in _urls_in_attachments(attachments):
        return url
    return None


# -------------------------------------------------------------------------- platforms
def _platform_for_host(host: str) -> Platform:
    """Match the host or one of its parent domains exactly, never a substring."""
    labels = host.removesuffix(".").lower().split(".")
    for start in range(len(labels) - 1):
        platform = _PLATFORM_DOMAINS.get(".".join(labels[start:]))
        if platform is not None:
            return platform
    return Platform.OTHER


def detect_platform(url: str | None) -> Platform:
    """Which platform a link points to; OTHER for anything else, None or garbage."""
    parts = _split(url.strip()) if isinstance(url, str) else None
    if parts is None:
        return Platform.OTHER
    return _platform_for_host(parts.hostname or "")


# ------------------------------------------------------------------------ normalising
_STRIPPED_HOST_PREFIXES: Final = ("www.", "m.", "mobile.")
# Alternative domains that serve the same paths as the main one.  Short-link domains
# (t.co, fb.watch, lnkd.in, vm.tiktok.com) are *not* aliases: their paths are codes.
_HOST_ALIASES: Final = {"fb.com": "facebook.com", "instagr.am": "instagram.com", "twitter.com": "x.com"}

_TRACKING_PARAMS: Final = frozenset(
    {"fbclid", "gclid", "igshid", "igsh", "si", "ref", "ref_src", "ref_url", "mibextid", "__cft__", "__tn__"}
)
# Share-sheet parameters that only one platform adds and that never select content there.
_PLATFORM_TRACKING_PARAMS: Final = {
    Platform.X: frozenset({"s", "t"}),
    Platform.YOUTUBE: frozenset({"feature", "pp"}),
    Platform.TIKTOK: frozenset({"is_from_webapp", "sender_device", "sender_web_id", "_r", "_t"}),
    Platform.LINKEDIN: frozenset({"trk", "trackingid", "lipi", "rcm"}),
}
_X_STATUS_RE: Final = re.compile(r"/[^/]+/status(?:es)?/(\d+)(?:/.*)?")
_YOUTUBE_SHORTS_RE: Final = re.compile(r"/shorts/([^/]+)")


def _canonical_host(host: str) -> str:
    host = host.removesuffix(".").lower()
    stripped = True
    while stripped:
        stripped = False
        for prefix in _STRIPPED_HOST_PREFIXES:
            rest = host.removeprefix(prefix)
            if rest != host and "." in rest:  # "www.com" stays "www.com"
                host, stripped = rest, True
    return _HOST_ALIASES.get(host, host)


def _is_tracking_param(name: str, platform: Platform) -> bool:
    # Facebook sends arrays such as "__cft__[0]"; match on the name before the bracket.
    key = unquote_plus(name).lower().split("[", 1)[0]
    return key.startswith("utm_") or key in _TRACKING_PARAMS or key in _PLATFORM_TRACKING_PARAMS.get(platform, ())


def _clean_query(query: str, platform: Platform) -> str:
    """Drop tracking parameters and sort the rest, keeping each one's original encoding."""
    kept = []
    for pair in query.split("&"):
        name = pair.split("=", 1)[0]
        if pair and not _is_tracking_param(name, platform):
            kept.append((unquote_plus(name), pair))
    return "&".join(pair for _, pair in sorted(kept))


def _canonical_post_path(host: str, path: str, query: str) -> tuple[str, str, str]:
    """Platform-specific spellings of the same post, rewritten to one form."""
    if host == "youtu.be" and path.strip("/"):
        video = quote(path.strip("/").split("/", 1)[0], safe="")
        return "youtube.com", "/watch", f"v={video}&{query}" if query else f"v={video}"
    if host == "youtube.com" and (shorts := _YOUTUBE_SHORTS_RE.fullmatch(path)):
        return host, "/watch", f"v={shorts[1]}&{query}" if query else f"v={shorts[1]}"
    if host == "x.com" and (status := _X_STATUS_RE.fullmatch(path)):
        # The handle in the path is cosmetic (and changes when a user renames).
        return host, f"/i/status/{status[1]}", query
    return host, path, query


def normalise_url(url: str) -> str:
    """A canonical https form of a link, for spotting the same post reported twice.

    Lower-cases the host, strips www./m./mobile., maps alias domains (twitter.com ->
    x.com, fb.com -> facebook.com, youtu.be/ID -> youtube.com/watch?v=ID), drops the
    fragment, default ports and tracking parameters, sorts the remaining parameters,
    strips trailing slashes (keeping "/") and forces https.  Idempotent.
    Raises ValueError if ``url`` is not an http(s) URL (see ``is_http_url``).
    """
    parts = _split(url.strip()) if isinstance(url, str) else None
    if parts is None:
        raise ValueError("not an http(s) URL with a public hostname")
    host = _canonical_host(parts.hostname or "")
    host, path, query = _canonical_post_path(host, parts.path.rstrip("/"), parts.query)
    query = _clean_query(query, _platform_for_host(host))
    port = parts.port
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    return f"https://{netloc}{path or '/'}" + (f"?{query}" if query else "")
