"""The meetings an article reports while it is read (``Draft``), and how reports of one meeting come together.

A later report of a compatible kind (talks and a meeting are kin), with the same status (any, for words that only
point back), no one new, and no other date, place or parent, fills in the earlier one (``same``, ``merge``). When the
article is read, ``sessions`` ties each visit to the sessions held during it and each named gathering to who met on
its sidelines; its docstring states the rules. A joint press conference that names one speaker is held with whom they
met (``join_the_talks``), and a meeting of one named person on its own is not proposed (``one_sided``).
"""

import datetime
from dataclasses import dataclass, field, replace

from ..choices import DatePrecision, MeetingKind, MeetingStatus, ParticipantRole
from . import meeting_words as w
from .dates import StatedDate
from .places import Place

Kind, Status, Role = MeetingKind, MeetingStatus, ParticipantRole


@dataclass(eq=False)
class Draft:
    """A meeting while the article is read; later reports fill it in."""

    kind: str
    status: str
    roles: dict[int, str]  # participant to role, in order of mention
    date: StatedDate | None
    place: Place | None
    parent: "Draft | None" = None
    name: str = ""  # a summit's or a commission's name, as written
    sentences: list[tuple[int, int]] = field(default_factory=list)
    paragraph: int = 0  # of its first report
    next_session: bool = False  # "the next meeting will be held in Riga": kept though it names no one


def sessions(drafts: list[Draft], published_on: datetime.date | None) -> list[Draft]:
    """Ties each visit to its sessions, and each gathering to who met at it.

    A visit's sessions are those with its guest reported in its paragraph or the next (or the one before, for a visit
    told afterwards), of its status, at no other place or date, not a phone call. In them the visitor is the guest and
    the others host; the visit's participants are all of theirs. A visit with no stated day of its own gets its
    sessions' month (or year). A named gathering's participants include who met on its sidelines.
    """
    for visit in (d for d in drafts if d.kind == Kind.VISIT):
        guests = {i for i, role in visit.roles.items() if role == Role.GUEST}
        for draft in drafts:
            if draft.parent is None and draft.kind in w.PRIORITY and _session_of(draft, visit, guests, published_on):
                draft.parent = visit
        children = [d for d in drafts if d.parent is visit and d.kind != Kind.PHONE_CALL]
        for child in children if guests else ():
            if guests & set(child.roles):
                for index, role in child.roles.items():
                    if role == Role.ATTENDEE:
                        child.roles[index] = Role.GUEST if index in guests else Role.HOST
            for index, role in child.roles.items():
                visit.roles.setdefault(index, Role.GUEST if role == Role.GUEST else Role.HOST)
        dated = sorted((c.date for c in children if c.date and c.date.date), key=lambda d: d.date or datetime.date.min)
        if visit.date is None and dated and published_on is not None:
            precision = DatePrecision.YEAR if dated[0].precision == DatePrecision.YEAR else DatePrecision.MONTH
            day = dated[0].date or published_on
            first = day.replace(day=1) if precision == DatePrecision.MONTH else day.replace(month=1, day=1)
            visit.date = replace(dated[0], date=first, precision=precision)
    for draft in drafts:
        if draft.parent is not None and draft.parent.kind == Kind.SUMMIT and draft.parent.name:
            for index in draft.roles:
                draft.parent.roles.setdefault(index, Role.ATTENDEE)
    return drafts


def _session_of(draft: Draft, visit: Draft, guests: set[int], published_on: datetime.date | None) -> bool:
    """Whether the meeting, reported apart, was held during the visit: see ``sessions``."""
    if not guests & set(draft.roles) or draft.status != visit.status or elsewhere(draft.place, visit.place):
        return False
    if draft.kind == Kind.PHONE_CALL or not -1 <= draft.paragraph - visit.paragraph <= 4:
        return False
    day = draft.date.date if draft.date and draft.date.precision == DatePrecision.DAY else None
    if draft.date and visit.date and draft.date.date and visit.date.date:
        parts = ("year", "month", "day")[: min(w.FINER[draft.date.precision], w.FINER[visit.date.precision])]
        return all(getattr(draft.date.date, part) == getattr(visit.date.date, part) for part in parts[:2])
    # A visit with no date of its own is the news of the days around the article's, not history.
    return draft.date is None or (day is not None and published_on is not None and abs((day - published_on).days) < 15)


def after(date: StatedDate, published_on: datetime.date) -> bool:
    """Whether the date is after the article's, at the date's precision."""
    parts = ("year", "month", "day")[: w.FINER[date.precision]]
    return tuple(getattr(date.date, part) for part in parts) > tuple(getattr(published_on, part) for part in parts)


def kin(kind: str, other: str) -> bool:
    return kind == other or {kind, other} == {Kind.TALKS, Kind.MEETING}


def elsewhere(place: Place | None, other: Place | None) -> bool:
    """Whether two places named differ: another city, or another country."""
    if place is None or other is None:
        return False
    return any(a and b and a != b for a, b in ((place.city, other.city), (place.country, other.country)))


def place_of(draft: Draft) -> Place | None:
    """Where the meeting was: its own place, or its summit's or visit's."""
    return draft.place or (draft.parent.place if draft.parent else None)


def same(old: Draft, new: Draft, weak: bool) -> bool:
    """Whether a new report is of the earlier meeting: its kind and status (any, for words that point back), no one
    new, no other date, place, parent."""
    if not kin(old.kind, new.kind) or (old.status != new.status and not weak):
        return False
    if elsewhere(place_of(old), place_of(new)):
        return False
    if old.parent and new.parent and old.parent is not new.parent:
        return False
    if old.date and new.date:
        parts = ("year", "month", "day")[: min(w.FINER[old.date.precision], w.FINER[new.date.precision])]
        if any(getattr(old.date.date, part) != getattr(new.date.date, part) for part in parts):
            return False
    named = set(new.roles)  # "the two ministers met for three hours": no one new
    return bool(old.roles) and (bool(named) or weak) and named <= set(old.roles)


def same_next(old: Draft, new: Draft) -> bool:
    """Whether two reports of a next session are of one: of a kind, with no one else, at no other place or date."""
    if not kin(old.kind, new.kind) or old.name.lower() != new.name.lower() or elsewhere(old.place, new.place):
        return False
    if set(old.roles) != set(new.roles) and old.roles and new.roles:
        return False
    return not (old.date and new.date and old.date.date != new.date.date)


def merge(old: Draft, new: Draft) -> None:
    """Fills the earlier draft in: new participants, more precise roles, a date, a place, a parent."""
    for index, role in new.roles.items():
        if old.roles.get(index, Role.ATTENDEE) == Role.ATTENDEE:
            old.roles[index] = role
    if new.date and (old.date is None or w.FINER[new.date.precision] > w.FINER[old.date.precision]):
        old.date = new.date
    if new.place and (old.place is None or (new.place.city and not old.place.city)):
        old.place = new.place
    old.parent = old.parent or new.parent


def join_the_talks(norm: str, draft: Draft, drafts: list[Draft]) -> None:
    """A joint press conference that names one speaker ("Albrecht said at a joint press conference") is
    held with whom that speaker met just before it: the participants of their last meeting or talks
    held on the same day (or with no day), as attendees, at its place and within its parent."""
    if draft.kind != Kind.PRESS_CONFERENCE or len(draft.roles) != 1 or draft.status != Status.HELD:
        return
    if not any(w.JOINT.search(norm, start, end) for start, end in draft.sentences):
        return
    (speaker,) = draft.roles
    earlier = [
        other
        for other in drafts[: drafts.index(draft)]
        if other.kind in {Kind.MEETING, Kind.TALKS}
        and other.status == Status.HELD
        and speaker in other.roles
        and len(other.roles) > 1
        and (draft.date is None or other.date is None or other.date.date == draft.date.date)
    ]
    if not earlier:
        return
    talks = earlier[-1]
    draft.roles = dict.fromkeys(talks.roles, Role.ATTENDEE)
    draft.date = draft.date or talks.date
    draft.place = draft.place or talks.place
    draft.parent = draft.parent or talks.parent


def without_headline_gathering(drafts: list[Draft]) -> list[Draft]:
    """The drafts less a gathering only the headline names ("Pacific leaders end summit in Suva") when the lead
    reports one at no other place: the lead's is the same gathering, told with its date and name."""
    headline = [
        draft
        for draft in drafts
        if draft.kind == Kind.SUMMIT
        and draft.paragraph == 0
        and not (draft.date or draft.roles or draft.parent or draft.next_session)
        and len(draft.sentences) == 1
    ]
    for draft in headline:
        lead = next(
            (
                other
                for other in drafts
                if other.kind == Kind.SUMMIT
                and other.paragraph == 1
                and not other.next_session
                and not elsewhere(other.place, draft.place)
            ),
            None,
        )
        if lead is not None and not any(other.parent is draft for other in drafts):
            lead.place = lead.place or draft.place
            drafts = [other for other in drafts if other is not draft]
    return drafts


def one_sided(draft: Draft) -> bool:
    """A meeting, talks, a call or a press conference of one named person, on its own: the other side is
    not named, so it is a fragment of a meeting reported elsewhere or not one to propose. So are talks
    during a visit with only its visitors named ("will travel to Warsaw for consultations"): the visit
    says all the words do."""
    if draft.parent is not None and draft.parent.kind == Kind.VISIT and draft.kind in {Kind.MEETING, Kind.TALKS}:
        guests = {index for index, role in draft.parent.roles.items() if role == Role.GUEST}
        return bool(draft.roles) and set(draft.roles) <= guests
    return (
        draft.kind in {Kind.MEETING, Kind.TALKS, Kind.PHONE_CALL, Kind.PRESS_CONFERENCE}
        and len(draft.roles) == 1
        and draft.parent is None
        and not draft.name
    )
