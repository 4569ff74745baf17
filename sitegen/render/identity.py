"""The identifiers every government site shows (网站标识): logo, 党政机关网站标识 and 我为政府网站找错, and the
mourning-day greyscale (哀悼日置灰), as template globals and files copied into the site.

The badge and the logo are files of the project copied to ``/identity/`` (never fetched from another site:
the output is self-contained); their names keep no content hash, so nginx revalidates them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sitegen.model.config import SiteConfig
from sitegen.model.site import PublicSite

FOLDER = "identity"


def identity_files(config: SiteConfig) -> dict[str, Path]:
    """Output path -> project file."""
    portal = config.portal
    files = {}
    for stem, source in (("logo", portal.logo), ("badge", portal.badge_image)):
        if source is not None:
            files[f"{FOLDER}/{stem}{source.suffix.lower()}"] = source
    return files


def identity_globals(site: PublicSite) -> dict[str, Any]:
    """What base.html needs: URLs of the logo and the badge, the two links, and whether to grey the pages."""
    config = site.config
    portal = config.portal
    urls = {"/" + name.split("/")[-1].split(".")[0]: "/" + name for name in identity_files(config)}
    mourning = portal.mourning_on(site.today)
    return {
        "identity": {
            "logo": urls.get("/logo", ""),
            "badge": urls.get("/badge", ""),
            "badge_link": portal.badge_link,
            "error_report": portal.error_report,
        },
        "mourning": mourning.reason if mourning else "",
    }
