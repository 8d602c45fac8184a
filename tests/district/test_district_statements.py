"""Statement validation, comparison and indexing, and password hashing (no server needed)."""

from __future__ import annotations

import base64
import copy
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from citizenship_app.core import xapi
from citizenship_app.district import auth
from citizenship_app.district.statements import (
    StatementError,
    agent_key,
    canonical_format,
    index_keys,
    parse_timestamp,
    validate_statement,
)

ANA = {"objectType": "Agent", "account": {"homePage": "https://sis.example.org", "name": "ana"}}


def kiosk_statement() -> dict:
    finished = datetime.now(UTC)
    return xapi.attempt_statement(
        verb="failed",
        record_id=str(uuid.uuid4()),
        sis_home_page="https://sis.example.org",
        person_id="ana",
        module_id="privacy-6-8",
        module_title="Privacy",
        class_id="c-1",
        correct=1,
        total=4,
        passed=False,
        started=finished - timedelta(seconds=90),
        finished=finished,
        machine="pc-1",
    )


def full_statement() -> dict:
    """Most of what xAPI allows, after the spec's long example."""
    return {
        "id": str(uuid.uuid4()),
        "actor": {
            "objectType": "Group",
            "name": "Team",
            "mbox": "mailto:team@example.org",
            "member": [
                ANA,
                {"openid": "http://kim.openid.example.org/"},
                {"mbox_sha1sum": "ebd31e95054c018b10727ccffd2ef2ec3a016ee9"},
            ],
        },
        "verb": {"id": "http://adlnet.gov/expapi/verbs/attended", "display": {"en-GB": "attended"}},
        "object": {
            "objectType": "Activity",
            "id": "http://www.example.com/meetings/34534",
            "definition": {
                "name": {"en-US": "meeting"},
                "type": "http://adlnet.gov/expapi/activities/meeting",
                "moreInfo": "http://virtualmeeting.example.com/345256",
                "interactionType": "choice",
                "correctResponsesPattern": ["golf"],
                "choices": [{"id": "golf", "description": {"en-US": "Golf"}}],
                "extensions": {"http://example.com/room": {"name": "Kilby", "x": None}},
            },
        },
        "result": {
            "score": {"scaled": -0.5, "raw": 1, "min": 0, "max": 4},
            "success": True,
            "completion": True,
            "response": "We agreed.",
            "duration": "PT1H0M0S",
            "extensions": {"http://example.com/minutes": "X:\\minutes"},
        },
        "context": {
            "registration": str(uuid.uuid4()),
            "instructor": ANA,
            "team": {"objectType": "Group", "mbox": "mailto:team@example.org"},
            "contextActivities": {
                "parent": {"id": "http://www.example.com/series/267"},
                "category": [{"id": "http://www.example.com/cat", "objectType": "Activity"}],
            },
            "revision": "2",
            "platform": "Kiosk",
            "language": "tlh",
            "statement": {"objectType": "StatementRef", "id": str(uuid.uuid4())},
        },
        "timestamp": "2013-05-18T05:32:34.804+00:00",
        "stored": "2013-05-18T05:32:34.804Z",
        "authority": {
            "objectType": "Agent",
            "account": {"homePage": "http://cloud.scorm.com/", "name": "anonymous"},
        },
        "version": "1.0.0",
        "attachments": [
            {
                "usageType": "http://example.com/usage/certificate",
                "display": {"en-US": "Certificate"},
                "contentType": "application/pdf",
                "length": 12,
                "sha2": "abc",
                "fileUrl": "https://files.example.org/cert.pdf",
            }
        ],
    }


def substatement() -> dict:
    return {
        "actor": ANA,
        "verb": {"id": "http://example.com/planned"},
        "object": {
            "objectType": "SubStatement",
            "actor": ANA,
            "verb": {"id": "http://example.com/visit"},
            "object": {"id": "http://example.com/museum"},
        },
    }


@pytest.mark.parametrize("make", [kiosk_statement, full_statement, substatement])
def test_valid_statements_pass(make):
    validate_statement(make())


def _with(change):
    st = full_statement()
    change(st)
    return st


@pytest.mark.parametrize(
    "statement, path",
    [
        (
            _with(
                lambda s: s.update(
                    object={
                        "objectType": "SubStatement",
                        "actor": ANA,
                        "verb": {"id": "http://x.org/v"},
                        "object": substatement()["object"],
                    }
                )
            ),
            "object.object",
        ),
        (
            _with(
                lambda s: s.update(
                    object={"objectType": "SubStatement", "id": str(uuid.uuid4()), **substatement()}
                )
            ),
            "object.id",
        ),
        (_with(lambda s: s["result"]["score"].update(raw=9)), "result.score.raw"),
        (_with(lambda s: s["result"]["score"].update(min=5)), "result.score.min"),
        (_with(lambda s: s["result"]["score"].update(scaled="0.5")), "result.score.scaled"),
        (_with(lambda s: s["result"].update(success="true")), "result.success"),
        (_with(lambda s: s["result"].update(duration="90 seconds")), "result.duration"),
        (_with(lambda s: s["verb"].update(display={"english!": "x"})), "verb.display"),
        (
            _with(lambda s: s["object"]["definition"].update(extensions={"room": 1})),
            "object.definition.extensions",
        ),
        (
            _with(lambda s: s["object"]["definition"].update(interactionType="quiz")),
            "object.definition.interactionType",
        ),
        (
            _with(lambda s: s.update(object={"objectType": "Agent", "mbox": "mailto:a@example.org"})),
            "context.revision",
        ),
        (_with(lambda s: s["context"].update(registration="abc")), "context.registration"),
        (_with(lambda s: s["context"].update(team=ANA)), "context.team"),
        (
            _with(
                lambda s: s["actor"].update(member=[{"objectType": "Group", "mbox": "mailto:g@example.org"}])
            ),
            "actor.member[0]",
        ),
        (_with(lambda s: s.update(actor={"objectType": "Group", "member": []})), "actor"),
        (_with(lambda s: s.update(actor={"mbox": "ana@example.org"})), "actor.mbox"),
        (
            _with(lambda s: s.update(actor={"account": {"homePage": "sis", "name": "ana"}})),
            "actor.account.homePage",
        ),
        (_with(lambda s: s.update(version="2.0.0")), "version"),
        (_with(lambda s: s["attachments"][0].update(fileUrl="not an IRL")), "attachments[0].fileUrl"),
        (
            _with(lambda s: s.update(object={"id": "http://x.org/a", "objectType": "activity"})),
            "object.objectType",
        ),
        (_with(lambda s: s.update(Actor=s["actor"])), "Actor"),
        ([], ""),
    ],
)
def test_invalid_statements_name_the_bad_path(statement, path):
    with pytest.raises(StatementError) as error:
        validate_statement(statement)
    assert error.value.path == path


@pytest.mark.parametrize(
    "value",
    [
        "2024-05-01T10:00:00Z",
        "2024-05-01T10:00:00.123456789+02:00",
        "20240501T100000Z",
        "2024-05-01T10:00Z",
        "2024-05-01t10:00:00z",
    ],
)
def test_timestamps_in_iso_8601_with_a_zone_are_accepted(value):
    assert parse_timestamp(value).tzinfo is not None


@pytest.mark.parametrize(
    "value",
    [
        "2024-05-01T10:00:00",
        "2024-05-01 10:00:00Z",
        "2024-05-01",
        "2024-05-01T10:00:00-00:00",
        "2024-02-30T10:00:00Z",
        "yesterday",
        1714557600,
    ],
)
def test_bad_timestamps_are_refused(value):
    with pytest.raises(ValueError):
        parse_timestamp(value)


def test_a_resend_matches_despite_what_the_hub_or_serialisation_may_change():
    sent = full_statement()
    stored = copy.deepcopy(sent)
    stored.update(stored="2030-01-01T00:00:00Z", authority=ANA, version="1.0.3", id=sent["id"].upper())
    stored["timestamp"] = "2013-05-18T07:32:34.804+02:00"  # the same instant
    stored["verb"]["display"] = {"en-US": "attended"}  # not part of the statement
    stored["object"]["definition"] = {"name": {"en-US": "renamed"}}  # nor is the definition
    stored["actor"]["member"].reverse()  # an unordered list
    stored["context"]["contextActivities"]["parent"] = [stored["context"]["contextActivities"]["parent"]]
    assert xapi.same_statement(stored, sent)
    no_timestamp = {k: v for k, v in sent.items() if k != "timestamp"}  # the hub fills it in
    assert xapi.same_statement(stored, no_timestamp)


@pytest.mark.parametrize(
    "change",
    [
        lambda s: s["result"].update(success=False),
        lambda s: s.update(timestamp="2013-05-18T05:32:35.804Z"),
        lambda s: s["verb"].update(id="http://adlnet.gov/expapi/verbs/attempted"),
        lambda s: s["context"].update(platform="Other"),
        lambda s: s["result"].update(duration="PT3600S"),  # durations compare as strings
    ],
)
def test_a_real_change_does_not_match(change):
    sent = full_statement()
    changed = copy.deepcopy(sent)
    change(changed)
    assert not xapi.same_statement(sent, changed)


def test_index_keys_separate_direct_and_related_matches():
    keys = set(index_keys(full_statement()))
    assert ("agent", agent_key(ANA), False) in keys  # a member of the actor Group
    assert ("agent", agent_key({"mbox": "mailto:team@example.org"}), False) in keys
    assert ("activity", "http://www.example.com/meetings/34534", False) in keys
    assert ("activity", "http://www.example.com/series/267", True) in keys
    assert (
        "agent",
        agent_key({"account": {"homePage": "http://cloud.scorm.com/", "name": "anonymous"}}),
        True,
    ) in keys  # the authority
    sub = set(index_keys(substatement()))
    assert ("activity", "http://example.com/museum", True) in sub


def test_a_device_credential_keeps_the_scrypt_hash_and_a_cheap_check_bound_to_it():
    """Every hub version reads the scrypt hash (so a rollback or an older process beside this
    one signs kiosks in); the cheap check answers in microseconds, only for the hub's own
    192-bit passwords, and only while the scrypt hash it was made beside is still the
    device's: after a password change by an earlier version it is stale (None: scrypt decides)."""
    credential = auth.new_credential()
    password, stored, check = credential
    assert len(password) == auth.PASSWORD_LENGTH and password not in stored + check
    assert stored.startswith(f"scrypt${auth.SCRYPT_N}$8$1$") and auth.verify_password(password, stored)
    assert not auth.verify_password(password + "x", stored)
    assert not auth.verify_password(password, "md5$abc")
    assert check.startswith("hmac-sha256$") and len(check.split("$")) == 4
    assert auth.check_password(password, check, stored) is True
    assert auth.check_password(password + "x", check, stored) is False
    assert auth.check_password(password, None, stored) is None  # an earlier version's device
    assert auth.check_password(password, check, auth.hash_password("changed by an earlier version")) is None
    salt, digest = check.split("$")[1:3]
    assert auth.check_password(password, check.replace(digest, digest[:5] + "!" + digest[5:]), stored) is None
    assert auth.check_password(password, "md5$" + salt, stored) is None
    assert auth.check_form(password, stored) != check  # salted
    with pytest.raises(ValueError, match="32 random characters"):
        auth.check_form("secret-secret", stored)


def test_the_verifier_rechecks_when_the_stored_hash_changes():
    """The verifier remembers successes against earlier versions' (scrypt) hashes only while
    the stored hash stays the same."""
    verifier = auth.Verifier()
    password = auth.new_password()
    stored = auth.hash_password(password)
    assert verifier.known("lab-1", password, stored) is None
    assert verifier.check("lab-1", password, stored)
    assert verifier.known("lab-1", password, stored) is True  # remembered: no scrypt next time
    assert not verifier.check("lab-1", password, auth.hash_password("re-added with a new password"))
    assert verifier.known("lab-1", password + "x", stored) is None
    assert not verifier.check("lab-1", password + "x", stored)
    assert verifier.known("lab-1", password + "x", stored) is False  # a wrong pair, for 30 s


@pytest.mark.parametrize(
    "header, expected",
    [
        ("Basic " + base64.b64encode(b"lab-1:pa:ss").decode(), ("lab-1", "pa:ss")),
        ("basic " + base64.b64encode(b"lab-1:").decode(), ("lab-1", "")),
        ("Basic " + base64.b64encode(b"no-colon").decode(), None),
        ("Basic ***", None),
        ("Bearer abc", None),
        (None, None),
    ],
)
def test_basic_authorization_headers_are_parsed(header, expected):
    assert auth.parse_basic(header) == expected


@pytest.mark.parametrize(
    "header, expected",
    [
        ("en-GB", "en-GB"),
        ("EN-gb", "en-GB"),
        ("en", "en-US"),  # a prefix: the first English
        ("es-MX, en;q=0.5", "es"),  # "es" serves es-MX
        ("de;q=1, es;q=0", "en-US"),  # q=0: not Spanish; German absent: the first language
        ("*", "en-US"),
        (None, "en-US"),
        ("garbage;q=x, es", "es"),
    ],
)
def test_canonical_format_keeps_the_one_language_asked_for(header, expected):
    names = {"en-US": "a", "en-GB": "b", "es": "c"}
    st = substatement()
    st["verb"]["display"] = dict(names)
    st["object"]["verb"]["display"] = dict(names)
    st["object"]["object"]["definition"] = {"name": dict(names), "description": {"fr": "d"}}
    out = canonical_format(st, header)
    assert out["verb"]["display"] == {expected: names[expected]}
    assert out["object"]["verb"]["display"] == {expected: names[expected]}
    assert out["object"]["object"]["definition"] == {
        "name": {expected: names[expected]},
        "description": {"fr": "d"},
    }
    assert st["verb"]["display"] == names  # the stored statement is untouched
