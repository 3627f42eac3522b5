from urllib.parse import urlsplit

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from bot.links import Platform, detect_platform, first_url, is_http_url, normalise_url

# ------------------------------------------------------------------------ first_url
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("see <https://www.facebook.com/jane/posts/1|this post>", "https://www.facebook.com/jane/posts/1"),
        ("see <https://x.com/a/status/1>", "https://x.com/a/status/1"),
        ("<https://a.example/?x=1&amp;y=2|label>", "https://a.example/?x=1&y=2"),
        ("plain https://example.com/path.", "https://example.com/path"),
        ("(https://en.wikipedia.org/wiki/Foo_(bar))", "https://en.wikipedia.org/wiki/Foo_(bar)"),
        ("quoted \"https://example.com/q\", ok", "https://example.com/q"),
        ("escaped &lt;https://example.com/a&gt;", "https://example.com/a"),
        ("HTTP://EXAMPLE.COM/X", "HTTP://EXAMPLE.COM/X"),
        ("<@U123> <#C123|general> <!here> <mailto:a@b.org|a@b.org> then <https://b.example>", "https://b.example"),
        ("first https://one.example then <https://two.example>", "https://one.example"),
        ("<http://localhost:3000/x> skipped, https://real.example kept", "https://real.example"),
        ("ftp://files.example/x", None),
        ("no links here", None),
        ("", None),
        (None, None),
    ],
)
def test_first_url_in_text(text: str | None, expected: str | None) -> None:
    assert first_url(text) == expected


def test_first_url_falls_back_to_attachments_in_field_order() -> None:
    attachments = [
        {"fallback": "no link", "title": "A shared message"},
        {"title_link": "https://c.example/3", "original_url": "https://b.example/2", "from_url": "https://a.example/1"},
    ]
    assert first_url("look at this", attachments) == "https://a.example/1"
    assert first_url("look at this", [{"original_url": "https://b.example/2", "title_link": "https://c.example/3"}]) == (
        "https://b.example/2"
    )
    assert first_url("", [{"title_link": "https://c.example/3"}]) == "https://c.example/3"


def test_first_url_reads_attachment_text() -> None:
    attachments = [{"text": "shared: <https://www.tiktok.com/@someone/video/123|video>"}]
    assert first_url("fyi", attachments) == "https://www.tiktok.com/@someone/video/123"


def test_first_url_prefers_the_message_text() -> None:
    assert first_url("<https://text.example>", [{"from_url": "https://att.example"}]) == "https://text.example"


def test_first_url_tolerates_malformed_attachments() -> None:
    assert first_url("x", [None, "str", {"from_url": 5}, {"text": ["not", "text"]}, {"from_url": "javascript:alert(1)"}]) is None  # type: ignore[list-item]
    assert first_url("x", "not a list") is None  # type: ignore[arg-type]


@given(st.text(), st.lists(st.dictionaries(st.sampled_from(["from_url", "original_url", "title_link", "text", "fallback"]), st.text()), max_size=3))
def test_first_url_never_raises_and_returns_valid_urls(text: str, attachments: list[dict]) -> None:
    url = first_url(text, attachments)
    assert url is None or is_http_url(url)


@given(st.text(alphabet=st.characters(blacklist_characters="<>|&"), max_size=30), st.sampled_from(["https://a.example/p", "http://b.example.org/x?y=1"]))
def test_first_url_finds_a_slack_wrapped_link_anywhere(prefix: str, url: str) -> None:
    assume("http" not in prefix.lower())
    assert first_url(f"{prefix} <{url}|label> tail") == url


# ----------------------------------------------------------------------- is_http_url
@pytest.mark.parametrize(
    "url",
    [
        "https://example.com",
        "http://example.com/path?q=1#frag",
        "https://sub.example.co.uk:8443/x",
        "https://xn--bcher-kva.example/",
        "https://bücher.example/",
        "https://example.com./trailing-dot",
    ],
)
def test_is_http_url_accepts(url: str) -> None:
    assert is_http_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "",
        "example.com",
        "ftp://example.com/x",
        "javascript:alert(1)",
        "mailto:a@b.org",
        "https://",
        "https:///path",
        "http://localhost/x",
        "http://app.localhost/x",
        "http://intranet/x",
        "http://127.0.0.1/",
        "http://[::1]/",
        "https://example.com/a b",
        "https://example.com/a\tb",
        " https://example.com",
        "https://example.com:99999/",
        "https://example.com:port/",
        "https://facebook.com@evil.io/",
        "https://user:pass@example.com/",
        "https://evil.io\\@facebook.com/",
        "https://-bad-.example/",
        "https://example.com/" + "a" * 2000,
        None,
        42,
    ],
)
def test_is_http_url_rejects(url: object) -> None:
    assert not is_http_url(url)  # type: ignore[arg-type]


def test_is_http_url_length_limit_is_inclusive() -> None:
    base = "https://example.com/"
    assert is_http_url(base + "a" * (2000 - len(base)))
    assert not is_http_url(base + "a" * (2001 - len(base)))


@given(st.text())
def test_is_http_url_never_raises(text: str) -> None:
    assert is_http_url(text) in (True, False)


# --------------------------------------------------------------------- normalise_url
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTP://WWW.Example.COM/Path/", "https://example.com/Path"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com/", "https://example.com/"),
        ("https://example.com//", "https://example.com/"),
        ("https://example.com/a?b=2&a=1#section", "https://example.com/a?a=1&b=2"),
        ("https://example.com/?utm_source=fb&utm_Medium=x&UTM_campaign=y", "https://example.com/"),
        ("https://example.com/?fbclid=1&igshid=2&si=3&ref=4&mibextid=5&gclid=6&keep=7", "https://example.com/?keep=7"),
        ("https://example.com:443/x", "https://example.com/x"),
        ("http://example.com:80/x", "https://example.com/x"),
        ("https://example.com:8443/x", "https://example.com:8443/x"),
        ("https://www.com/", "https://www.com/"),
        ("https://example.com/?q=a%20b&q=a+b", "https://example.com/?q=a%20b&q=a+b"),
        # Facebook
        (
            "https://m.facebook.com/story.php?story_fbid=1&id=2&__cft__[0]=AZx&__tn__=%2CO",
            "https://facebook.com/story.php?id=2&story_fbid=1",
        ),
        ("https://www.fb.com/jane/posts/1/?mibextid=abc", "https://facebook.com/jane/posts/1"),
        # X / Twitter
        ("https://mobile.twitter.com/JaneDoe/status/12345?s=20&t=abc", "https://x.com/i/status/12345"),
        ("https://x.com/janedoe/status/12345/photo/1", "https://x.com/i/status/12345"),
        ("https://t.co/AbC123", "https://t.co/AbC123"),
        # YouTube
        ("https://youtu.be/dQw4w9WgXcQ?si=xyz", "https://youtube.com/watch?v=dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ?t=42", "https://youtube.com/watch?t=42&v=dQw4w9WgXcQ"),
        ("https://m.youtube.com/watch?v=dQw4w9WgXcQ&feature=share", "https://youtube.com/watch?v=dQw4w9WgXcQ"),
        ("https://www.youtube.com/shorts/abc123?feature=share", "https://youtube.com/watch?v=abc123"),
        # Instagram, TikTok, LinkedIn
        ("https://instagr.am/p/CxYz/?igsh=abc", "https://instagram.com/p/CxYz"),
        ("https://www.tiktok.com/@someone/video/1?is_from_webapp=1&sender_device=pc", "https://tiktok.com/@someone/video/1"),
        ("https://www.linkedin.com/posts/jane_activity-1?trk=public&utm_source=share", "https://linkedin.com/posts/jane_activity-1"),
    ],
)
def test_normalise_url(url: str, expected: str) -> None:
    assert normalise_url(url) == expected


@pytest.mark.parametrize(
    "variants",
    [
        [
            "https://www.facebook.com/jane.doe/posts/pfbid0abc",
            "https://m.facebook.com/jane.doe/posts/pfbid0abc/?mibextid=Nif5oz",
            "http://facebook.com/jane.doe/posts/pfbid0abc#comments",
        ],
        [
            "https://twitter.com/JaneDoe/status/1790000000000000000",
            "https://x.com/janedoe/status/1790000000000000000?s=46&t=abcdef",
        ],
        [
            "https://www.instagram.com/p/C1a2B3c4D5e/?igshid=MzRlODBiNWFlZA==",
            "https://instagram.com/p/C1a2B3c4D5e",
        ],
        ["https://youtu.be/dQw4w9WgXcQ?si=a", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&feature=youtu.be"],
    ],
)
def test_same_post_normalises_to_the_same_string(variants: list[str]) -> None:
    assert len({normalise_url(url) for url in variants}) == 1


def test_normalise_keeps_case_of_paths() -> None:
    # Instagram shortcodes, YouTube IDs and Facebook pfbid IDs are case-sensitive.
    assert normalise_url("https://instagram.com/p/AbC") != normalise_url("https://instagram.com/p/abc")


@pytest.mark.parametrize("url", ["", "not a url", "ftp://example.com", "http://localhost/", None])
def test_normalise_rejects_non_http_urls(url: str | None) -> None:
    with pytest.raises(ValueError, match="not an http"):
        normalise_url(url)  # type: ignore[arg-type]


_label = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)
_hosts = st.builds(
    lambda prefix, labels, tld: prefix + ".".join(labels) + "." + tld,
    st.sampled_from(["", "www.", "m.", "mobile.", "WWW.", "www.m."]),
    st.lists(_label, min_size=1, max_size=3),
    st.sampled_from(["com", "org", "io", "CO", "example", "be", "am"])
    | st.sampled_from(["facebook.com", "twitter.com", "x.com", "youtu.be", "youtube.com", "fb.com", "instagr.am"]),
)
_segment = st.text(alphabet="abcXYZ019-_.~%@:!$'()*+,;=", min_size=0, max_size=8)
_param = st.sampled_from(["a", "b", "v", "t", "s", "si", "utm_source", "UTM_x", "fbclid", "ref", "__cft__[0]", "feature", "id", "q"])
_value = st.text(alphabet="abc019-_.%+", max_size=6)


@st.composite
def urls(draw: st.DrawFn) -> str:
    scheme = draw(st.sampled_from(["http", "https", "HTTPS"]))
    host = draw(st.one_of(_hosts, st.sampled_from(["youtu.be", "twitter.com", "www.youtube.com", "x.com"])))
    port = draw(st.sampled_from(["", ":80", ":443", ":8080"]))
    path = "/".join(draw(st.lists(_segment, max_size=4)))
    if draw(st.booleans()):
        path = draw(st.sampled_from(["shorts/abc", "JaneDoe/status/123", "u/status/9/photo/1", "watch"])) + "/" + path
    params = draw(st.lists(st.tuples(_param, _value), max_size=4))
    query = "&".join(f"{k}={v}" for k, v in params)
    fragment = draw(st.sampled_from(["", "#frag", "#!/x"]))
    trailing = draw(st.sampled_from(["", "/", "//"]))
    return f"{scheme}://{host}{port}/{path}{trailing}" + (f"?{query}" if query else "") + fragment


@given(urls())
def test_normalise_url_is_idempotent_and_valid(url: str) -> None:
    assume(is_http_url(url))
    once = normalise_url(url)
    assert normalise_url(once) == once
    assert is_http_url(once)
    parts = urlsplit(once)
    assert parts.scheme == "https" and not parts.fragment
    assert "utm_" not in parts.query.lower() and "fbclid" not in parts.query
    assert detect_platform(once) == detect_platform(url)


@given(st.text())
def test_normalise_url_raises_only_value_error(text: str) -> None:
    try:
        assert is_http_url(normalise_url(text))
    except ValueError:
        pass


# ---------------------------------------------------------------------- platforms
@pytest.mark.parametrize(
    ("url", "platform"),
    [
        ("https://facebook.com/x", Platform.FACEBOOK),
        ("https://www.facebook.com/x", Platform.FACEBOOK),
        ("https://m.facebook.com/x", Platform.FACEBOOK),
        ("https://fb.com/x", Platform.FACEBOOK),
        ("https://fb.watch/abc/", Platform.FACEBOOK),
        ("https://instagram.com/p/x", Platform.INSTAGRAM),
        ("https://www.instagram.com/p/x", Platform.INSTAGRAM),
        ("https://instagr.am/p/x", Platform.INSTAGRAM),
        ("https://twitter.com/u/status/1", Platform.X),
        ("https://mobile.twitter.com/u/status/1", Platform.X),
        ("https://x.com/u/status/1", Platform.X),
        ("https://t.co/abc", Platform.X),
        ("https://tiktok.com/@u/video/1", Platform.TIKTOK),
        ("https://www.tiktok.com/@u/video/1", Platform.TIKTOK),
        ("https://vm.tiktok.com/ZM123/", Platform.TIKTOK),
        ("https://youtube.com/watch?v=1", Platform.YOUTUBE),
        ("https://m.youtube.com/watch?v=1", Platform.YOUTUBE),
        ("https://youtu.be/1", Platform.YOUTUBE),
        ("https://linkedin.com/posts/1", Platform.LINKEDIN),
        ("https://www.linkedin.com/posts/1", Platform.LINKEDIN),
        ("https://lnkd.in/abc", Platform.LINKEDIN),
        ("https://nextdoor.com/p/abc", Platform.NEXTDOOR),
        ("HTTPS://WWW.FACEBOOK.COM/X", Platform.FACEBOOK),
        ("https://facebook.com./x", Platform.FACEBOOK),
        (" https://facebook.com/x ", Platform.FACEBOOK),
        # look-alikes
        ("https://notfacebook.com.evil.io/x", Platform.OTHER),
        ("https://facebook.com.evil.io/x", Platform.OTHER),
        ("https://evilfacebook.com/x", Platform.OTHER),
        ("https://x.com.evil.io/x", Platform.OTHER),
        ("https://evil.io/facebook.com", Platform.OTHER),
        ("https://evil.io/?u=https://facebook.com", Platform.OTHER),
        ("https://facebook.com@evil.io/", Platform.OTHER),
        ("https://evil.io\\@facebook.com/", Platform.OTHER),
        ("https://example.com", Platform.OTHER),
        ("facebook.com/x", Platform.OTHER),
        ("ftp://facebook.com/x", Platform.OTHER),
        ("garbage", Platform.OTHER),
        ("", Platform.OTHER),
        (None, Platform.OTHER),
    ],
)
def test_detect_platform(url: str | None, platform: Platform) -> None:
    assert detect_platform(url) is platform


@given(st.text())
def test_detect_platform_never_raises(text: str) -> None:
    assert isinstance(detect_platform(text), Platform)


def test_platform_values_and_labels() -> None:
    assert {p.value: p.label for p in Platform} == {
        "facebook": "Facebook",
        "instagram": "Instagram",
        "x": "X (Twitter)",
        "tiktok": "TikTok",
        "youtube": "YouTube",
        "linkedin": "LinkedIn",
        "nextdoor": "Nextdoor",
        "other": "Other",
    }
    assert Platform("x") is Platform.X
    assert f"{Platform.FACEBOOK}" == "facebook"
