"""Links a handout may carry: web pages, a phone number, an e-mail address, nothing else.

A link in a PDF and a QR code on paper are followed without a second look, so a `javascript:`,
`file:` or `data:` address is refused, and non-ASCII addresses are encoded so they work.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit, urlunsplit

from handout.errors import HandoutError

SCHEMES = ("https", "http", "tel", "mailto")
MAX_LINK = 500
# Characters a URL may carry as they are; the rest is percent-encoded.
_URL_SAFE = "/?#[]@!$&'()*+,;=:%~-._"
_PHONE = re.compile(r"\+?[0-9][0-9 ()./-]*")


def checked_link(link: str, where: str) -> str:
    """`link` encoded for a PDF and a QR code, or HandoutError naming `where`."""
    text = link.strip()
    if not text or any(char.isspace() or ord(char) < 32 or ord(char) == 127 for char in text):
        raise HandoutError(
            f"{where}: '{_shown(link)}' is not a link (no spaces or control characters)"
        )
    if len(text) > MAX_LINK:
        raise HandoutError(f"{where}: the link is longer than {MAX_LINK} characters")
    scheme, separator, rest = text.partition(":")
    scheme = scheme.lower()
    if not separator or scheme not in SCHEMES:
        raise HandoutError(
            f"{where}: '{_shown(link)}' must start with {', '.join(s + ':' for s in SCHEMES)}"
        )
    if scheme == "tel":
        if not _PHONE.fullmatch(rest):
            raise HandoutError(f"{where}: '{_shown(link)}' is not a phone number")
        return f"tel:{rest}"
    if scheme == "mailto":
        local, at, domain = rest.partition("@")
        if not local or not at or "." not in domain:
            raise HandoutError(f"{where}: '{_shown(link)}' is not an e-mail address")
        return f"mailto:{quote(local, safe=_URL_SAFE)}@{_ascii_host(domain, link, where)}"
    return _web_link(scheme, text, link, where)


def _web_link(scheme: str, text: str, link: str, where: str) -> str:
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise HandoutError(f"{where}: '{_shown(link)}' is not a valid web address") from None
    if not parts.hostname or parts.username is not None or parts.password is not None:
        raise HandoutError(
            f"{where}: '{_shown(link)}' needs a host name (and no user name or password)"
        )
    host = _ascii_host(parts.hostname, link, where)
    netloc = f"{host}:{port}" if port is not None else host
    return urlunsplit(
        (
            scheme,
            netloc,
            quote(parts.path, safe=_URL_SAFE),
            quote(parts.query, safe=_URL_SAFE),
            quote(parts.fragment, safe=_URL_SAFE),
        )
    )


def _ascii_host(host: str, link: str, where: str) -> str:
    try:
        ascii_host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise HandoutError(f"{where}: '{_shown(link)}' has an invalid host name") from None
    if not re.fullmatch(r"[a-z0-9.-]+", ascii_host):
        raise HandoutError(f"{where}: '{_shown(link)}' has an invalid host name")
    return ascii_host


def _shown(text: str, limit: int = 60) -> str:
    flat = "".join(char if char.isprintable() else "?" for char in text)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
