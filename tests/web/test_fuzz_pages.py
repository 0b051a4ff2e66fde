"""Hypothesis over every public page and form: odd path values, query strings and form fields never answer 5xx."""

from __future__ import annotations

from urllib.parse import quote

from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from service.i18n import LANGUAGE_CODES

EXAMPLES = 20
VALID = {"lang": list(LANGUAGE_CODES), "slug": ["kindergeld", "kinderschutz-notfall"], "topic": ["money"],
         "kita": ["loevenich", "gerderath"], "token": ["a" * 32], "page": ["privacy"]}
FIELDS = ["q", "src", "lang", "from", "days", "slot", "first_name", "contact", "note", "interpreter", "topic",
          "consent", "code", "csrf_token", "answers", "children", "adults", "income", "rent", "next", "year", "half"]
ODD = st.text(max_size=60) | st.sampled_from(["\x00", "%00", "..", "../../etc/passwd", "\n", "'", "{{7*7}}",
                                             "a" * 500, "٣", "🙂", "<script>"])


def _public_rules(app) -> list:  # noqa: ANN001
    skip = ("/api/", "/staff", "/static", "/healthz")
    return [rule for rule in app.url_map.iter_rules() if not rule.rule.startswith(skip)]


def _path(rule, values: dict[str, str]) -> str:  # noqa: ANN001
    path = rule.rule
    for name in rule.arguments:
        path = path.replace(f"<{name}>", quote(values[name], safe="")).replace(f"<string:{name}>", values[name])
    return path


def _checker(client, rule):  # noqa: ANN001, ANN202
    arguments = {name: st.sampled_from(VALID.get(name, ["x"])) | ODD for name in rule.arguments}

    @given(values=st.fixed_dictionaries(arguments), method=st.sampled_from(sorted(rule.methods & {"GET", "POST"})),
           query=st.dictionaries(st.sampled_from(FIELDS), ODD, max_size=3),
           form=st.dictionaries(st.sampled_from(FIELDS), ODD, max_size=6))
    @hypothesis_settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                         suppress_health_check=list(HealthCheck))
    def check(values, method, query, form) -> None:  # noqa: ANN001
        path = _path(rule, values)
        with client.open(path, method=method, query_string=query,
                         data=form if method == "POST" else None) as response:
            assert response.status_code < 500, (method, path, query, form, response.status_code)

    return check


def test_public_pages_and_forms_never_answer_5xx(app, loaded) -> None:
    client = app.test_client()
    rules = _public_rules(app)
    assert len(rules) >= 10
    for rule in rules:
        _checker(client, rule)()
