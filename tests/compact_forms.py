"""The ``world`` fixture's records in the compact forms in which the API nests them."""

SOURCE = {
    "slug": "tillerson-visits-moscow",
    "title": "Tillerson Visits Moscow",
    "publisher": "Sputnik",
    "published_on": None,
}
LAVROV = {"slug": "sergey-lavrov", "name": "Sergey Lavrov", "kind": "person", "country": "RU"}
TILLERSON = {"slug": "rex-tillerson", "name": "Rex Tillerson", "kind": "person", "country": "US"}
PUTIN = {"slug": "vladimir-putin", "name": "Vladimir Putin", "kind": "person", "country": "RU"}
SYRIA = {"slug": "syria", "name": "Syria"}
IDLIB = {"slug": "idlib-chemical-incident", "name": "Chemical-weapons incident in Idlib"}
UKRAINE = {"slug": "ukraine", "name": "Ukraine"}
TALKS = {
    "slug": "lavrov-tillerson-talks-2017",
    "title": "Lavrov–Tillerson talks",
    "kind": "talks",
    "status": "held",
    "date": "2017-04-12",
    "date_precision": "day",
}
VISIT = {**TALKS, "slug": "tillerson-visit-moscow-2017", "title": "Tillerson's visit to Moscow", "kind": "visit"}
MINSK = {
    "slug": "minsk-follow-up",
    "title": "Follow-up on the Minsk agreements",
    "kind": "talks",
    "status": "planned",
    "date": None,
    "date_precision": "unknown",
}
