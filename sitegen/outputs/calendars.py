"""iCalendar (RFC 5545) files for government open days: one per event, and one with all of them.

Times are written in UTC (the site's events are in China Standard Time, UTC+8, which has no
daylight saving), so no VTIMEZONE block is needed. DTSTAMP is the announcement date, not the build
time, to keep the output reproducible.
"""

from __future__ import annotations

import datetime as dt

from sitegen.model.config import SiteConfig
from sitegen.model.records import Event
from sitegen.model.site import PublicSite
from sitegen.render.portal_pages import event_time
from sitegen.store.staging import StagedOutput

CHINA = dt.timezone(dt.timedelta(hours=8))


def _utc(value: dt.datetime) -> str:
    return value.replace(tzinfo=CHINA).astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space, never inside a character."""
    parts: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not parts else 74
        if len((current + char).encode("utf-8")) > limit:
            parts.append(current)
            current = ""
        current += char
    parts.append(current)
    return "\r\n ".join(parts)


def _vevent(event: Event, config: SiteConfig) -> list[str]:
    url = config.base_url + event.url
    domain = config.base_url.split("://", 1)[-1]
    description = "\n".join(
        [
            f"开展时间：{event_time(event)}",
            f"活动对象：{event.audience}",
            f"报名方式：{event.registration or '无需报名'}",
            f"主办单位：{event.issuer}",
            f"联系人：{event.contact}",
            f"联系方式：{event.phone}",
            f"详情：{url}",
        ]
    )
    stamp = dt.datetime(event.published.year, event.published.month, event.published.day)
    return [
        "BEGIN:VEVENT",
        f"UID:{event.id}@{domain}",
        f"DTSTAMP:{_utc(stamp)}",
        f"DTSTART:{_utc(event.starts)}",
        f"DTEND:{_utc(event.ends)}",
        f"SUMMARY:{_text(event.title)}",
        f"LOCATION:{_text(event.location)}",
        f"DESCRIPTION:{_text(description)}",
        f"CONTACT:{_text(f'{event.contact} {event.phone}')}",
        f"URL:{url}",
        "END:VEVENT",
    ]


def calendar(events: list[Event], config: SiteConfig, name: str) -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{_text(config.title)}//sitegen//ZH",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_text(name)}",
    ]
    for event in events:
        lines += _vevent(event, config)
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")


def write_calendars(out: StagedOutput, site: PublicSite) -> None:
    for event in site.events:
        out.write(f"{event.url}{event.id}.ics", calendar([event], site.config, event.title))
    ordered = sorted(site.events, key=lambda e: (e.starts, e.id))
    out.write("/events/all.ics", calendar(ordered, site.config, f"{site.config.title}政府开放活动"))
