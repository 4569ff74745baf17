"""Public consultations (意见征集) and government open days (政府开放活动)."""

from __future__ import annotations

import datetime as dt
import re

import icalendar
import pytest

from sitegen.model.records import Consultation
from tests.conftest import BUILD_DATE, PROJECT, soup_of
from tests.portalfactory import consultation, event, line_of
from tests.test_demo_site import front_matter


def codes(factory):
    return [d.code for d in factory.diagnostics().items]


def demo_consultations() -> list[tuple[str, dict]]:
    return [(p.stem, front_matter(p)) for p in sorted((PROJECT / "content" / "consultations").rglob("*.md"))]


def test_days_remaining_are_counted_from_the_build_date(demo_site):
    soup = soup_of(demo_site, "/consultations/")
    open_items = soup.select("li.consultation-open")
    assert open_items, "the demo needs an open consultation"
    for item in open_items:
        doc_id = item.a["href"].strip("/").split("/")[-1]
        closes = dict(demo_consultations())[doc_id]["closes"]
        days = (closes - BUILD_DATE).days
        assert days > 0
        assert item.find(class_="days-left").get_text() == f"还剩 {days} 天"
        page = soup_of(demo_site, item.a["href"])
        assert page.find(class_="days-left").get_text() == f"还剩 {days} 天"
    assert [i.find(class_="days-left").get_text() for i in open_items] == ["还剩 11 天", "还剩 20 天"]
    lead = soup.find(class_="lead").find("time")
    assert lead["datetime"] == BUILD_DATE.isoformat()


def test_days_left_and_status_at_the_edges():
    doc = Consultation(
        id="c",
        source=None,
        title="t",
        disclosure="public",
        review=None,
        body="",
        body_line=1,
        opens=dt.date(2026, 11, 1),
        closes=dt.date(2026, 11, 30),
    )
    assert doc.published == dt.date(2026, 11, 1)
    assert doc.status(dt.date(2026, 10, 31)) == "upcoming"
    assert doc.status(dt.date(2026, 11, 30)) == "open" and doc.days_left(dt.date(2026, 11, 30)) == 0
    assert doc.status(dt.date(2026, 12, 1)) == "closed"


def test_open_consultations_come_first_then_closed_ones_with_feedback(demo_site):
    soup = soup_of(demo_site, "/consultations/")
    groups = [h.get_text() for h in soup.select("main h2")]
    assert groups[0].startswith("正在征集") and groups[-1].startswith("已结束")
    closed = soup.select("li.consultation-closed")
    assert len(closed) >= 2
    assert all(c.find(class_="status-feedback") for c in closed)


def test_closed_consultation_shows_feedback_and_links_its_policy_both_ways(demo_site):
    soup = soup_of(demo_site, "/consultations/2026-childcare-subsidy/")
    feedback = soup.find("section", class_="feedback")
    counts = [int(td.get_text()) for td in feedback.find("table", class_="feedback-counts").find_all("td")]
    assert counts[0] == sum(counts[1:]) == 46
    rows = feedback.find("table", class_="feedback-items").find("tbody").find_all("tr")
    for row in rows:
        opinion, result, reason = (td.get_text() for td in row.find_all("td"))
        assert result in ("采纳", "部分采纳", "未采纳") and (result == "采纳" or reason)
    policy_link = soup.find("nav", attrs={"aria-labelledby": "adopted-policy-title"}).a["href"]
    assert policy_link == "/policies/2026-childcare-subsidy/"
    policy = soup_of(demo_site, policy_link)
    back = policy.find("nav", attrs={"aria-labelledby": "consultation-title"})
    assert back.find("a", href="/consultations/2026-childcare-subsidy/") is not None


def test_consultation_says_how_to_comment(demo_site):
    soup = soup_of(demo_site, "/consultations/2026-renewal-compensation/")
    box = soup.find("section", class_="how-to-comment")
    assert box.find("a", href="mailto:csgx@shiliqu.gov.cn") is not None
    assert "政通路1号" in box.get_text()
    assert soup.find(class_="status-open").get_text() == "正在征集"


def test_feedback_that_does_not_add_up_is_an_error(factory):
    path = consultation(
        factory,
        "c",
        feedback={"date": dt.date(2025, 12, 5), "received": 5, "adopted": 2, "not_adopted": 1, "items": []},
    )
    diags = factory.diagnostics()
    [problem] = [d for d in diags.items if d.code == "SG322"]
    assert problem.line == line_of(path, "feedback:") and "＝3" in problem.zh and "5" in problem.zh


def test_feedback_before_closing_and_a_missing_reason_are_errors(factory):
    consultation(factory, "early", feedback={"date": dt.date(2025, 11, 20), "received": 0})
    consultation(
        factory,
        "noreason",
        feedback={
            "date": dt.date(2025, 12, 5),
            "received": 1,
            "not_adopted": 1,
            "items": [{"opinion": "建议甲", "result": "not_adopted"}],
        },
    )
    found = codes(factory)
    assert "SG323" in found
    [reason] = [d for d in factory.diagnostics().items if d.code == "SG032"]
    assert reason.path == "content/consultations/noreason.md" and "须说明理由" in reason.zh


def test_closed_without_feedback_warns_and_a_period_too_short_warns(factory):
    consultation(factory, "c", closes=dt.date(2025, 11, 10))
    found = codes(factory)
    assert "SG324" in found and "SG326" in found


def test_consultation_needs_a_way_to_comment_and_a_public_phone(factory):
    consultation(factory, "c", email=None, phone="0539-99999999")
    found = codes(factory)
    assert "SG321" in found and "SG331" in found


def test_consultation_policy_link_must_resolve(factory):
    consultation(factory, "c", policy="missing")
    assert "SG325" in codes(factory)


def test_events_are_split_into_upcoming_and_past_by_the_build_date(demo_site):
    soup = soup_of(demo_site, "/events/")
    upcoming = soup.select("li.event-upcoming time")
    past = soup.select("li.event-past time")
    assert upcoming and past
    assert all(dt.datetime.fromisoformat(t["datetime"]).date() >= BUILD_DATE for t in upcoming)
    assert all(dt.datetime.fromisoformat(t["datetime"]).date() < BUILD_DATE for t in past)
    starts = [t["datetime"] for t in upcoming]
    assert starts == sorted(starts)


def test_event_page_has_the_fields_of_the_national_form(demo_site):
    soup = soup_of(demo_site, "/events/2026-civil-affairs-open-day/")
    labels = [th.get_text() for th in soup.find("table", class_="event-facts").find_all("th")]
    for label in ("活动主题", "开展时间", "开展地点", "活动对象", "报名方式", "联系人", "联系方式"):
        assert label in labels
    assert "2026年12月5日 9:00—11:30" in soup.get_text()
    assert soup.find("h2", string="活动内容") is not None


@pytest.mark.parametrize("doc_id", ["2026-civil-affairs-open-day", "2025-waste-sorting-open-day"])
def test_each_event_has_a_valid_icalendar_file(demo_site, doc_id):
    page = soup_of(demo_site, f"/events/{doc_id}/")
    href = page.find(class_="calendar-link").a["href"]
    raw = (demo_site / "events" / doc_id / href).read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(raw)
    [vevent] = calendar.walk("VEVENT")
    meta = front_matter(next((PROJECT / "content" / "events").rglob(f"{doc_id}.md")))
    china = dt.timezone(dt.timedelta(hours=8))
    starts = dt.datetime.strptime(meta["starts"], "%Y-%m-%d %H:%M").replace(tzinfo=china)
    assert vevent.decoded("DTSTART") == starts
    assert vevent.decoded("DTEND") > vevent.decoded("DTSTART")
    assert str(vevent["SUMMARY"]) == meta["title"] and str(vevent["LOCATION"]) == meta["location"]
    assert vevent["UID"] == f"{doc_id}@www.shiliqu.gov.cn"
    assert meta["phone"] in str(vevent["DESCRIPTION"])


def test_the_all_events_calendar_lists_every_public_event(demo_site):
    calendar = icalendar.Calendar.from_ical((demo_site / "events" / "all.ics").read_bytes())
    titles = sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))
    listed = sorted(a.get_text() for a in soup_of(demo_site, "/events/").select("main .event-list a"))
    assert titles == listed and len(titles) >= 4


def test_event_times_and_phone_are_checked(factory):
    event(factory, "e", ends="2025-12-10 08:00", phone="13800000000")
    found = codes(factory)
    assert "SG330" in found and "SG331" in found


def test_event_time_needs_hours_and_minutes(factory):
    path = event(factory, "e", starts="2025-12-10")
    [problem] = [d for d in factory.diagnostics().items if d.code == "SG032"]
    assert problem.line == line_of(path, "starts:") and "HH:MM" in problem.zh


def test_consultation_and_event_attachments_show_type_and_size(demo_site):
    soup = soup_of(demo_site, "/consultations/2026-renewal-compensation/")
    texts = [a.get_text() for a in soup.select(".attachments a")]
    assert any(re.search(r"（OFD，\d+ B）$", t) for t in texts)
    assert any(re.search(r"（PDF，\d+ B）$", t) for t in texts)
    for a in soup.select(".attachments a"):
        assert (demo_site / a["href"].lstrip("/")).is_file()
    event_links = soup_of(demo_site, "/events/2026-civil-affairs-open-day/").select(".attachments a")
    assert event_links and "（Word，" in event_links[0].get_text()


def test_a_missing_consultation_attachment_is_an_error(factory):
    consultation(factory, "c", attachments=[{"title": "征求意见稿", "file": "missing.ofd"}])
    assert "SG040" in codes(factory)


def test_a_consultation_or_event_without_review_is_not_published(factory):
    consultation(factory, "c", review=None, disclosure="withheld")
    event(factory, "e", review=None, disclosure="withheld")
    site = factory.load().site
    assert site.consultations == [] and site.events == []
    consultation(factory, "c", review=None)
    assert "SG110" in codes(factory)
