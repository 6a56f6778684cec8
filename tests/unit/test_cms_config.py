"""The CMS configuration is generated from the schema, the registry and clinic.yaml, never edited.

These tests fail when the committed editor/admin/config.yml disagrees with what the generator
makes of today's schema and data (run `invoke edit-config`), or when the form leaves out a
field the schema has.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from clinic.data import load_clinic, load_registry
from clinic_editor.cms_config import CONFIG_PATH, NOT_IN_FORM, build_config, render_config
from clinic_schema import page_schema

from tests.conftest import ROOT


def _collection(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


def _fields(collection: dict) -> dict[str, dict]:
    return {f["name"]: f for f in collection["fields"]}


def test_the_committed_configuration_is_what_the_generator_makes() -> None:
    committed = (ROOT / CONFIG_PATH).read_text(encoding="utf-8")
    assert committed == render_config(ROOT), (
        f"{CONFIG_PATH} is stale: run `invoke edit-config` and commit it"
    )
    assert committed.startswith("# GENERATED")


TREATMENT = page_schema("treatment")
FACTS = TREATMENT["properties"]["facts"]
IMAGE = TREATMENT["$defs"]["image"]
PHOTO = TREATMENT["$defs"]["photos"]["items"]


def test_every_schema_field_has_a_form_field_with_the_schemas_requiredness() -> None:
    config = build_config(ROOT)
    for collection, schema in (("treatments", TREATMENT), ("pages", page_schema("page"))):
        fields = _fields(_collection(config, collection))
        assert "body" in fields and fields["body"]["widget"] == "markdown"
        required = set(schema["required"])
        for name in schema["properties"]:
            if name in NOT_IN_FORM:
                assert name not in fields
                continue
            assert name in fields, f"{collection}: the schema's '{name}' has no form field"
            if fields[name]["widget"] != "hidden":
                assert fields[name]["required"] == (name in required), name
        assert set(fields) - {"body"} <= set(schema["properties"]), "a field the schema lacks"
    facts = _fields(_collection(config, "treatments"))["facts"]
    assert [f["name"] for f in facts["fields"]] == list(FACTS["properties"])
    assert {f["name"]: f["required"] for f in facts["fields"]} == {
        k: k in FACTS["required"] for k in FACTS["properties"]
    }
    price = next(f for f in facts["fields"] if f["name"] == "price_from")
    assert price["widget"] == "number"


def test_pictures_and_photos_follow_the_schema() -> None:
    fields = _fields(_collection(build_config(ROOT), "treatments"))
    hero = fields["hero"]
    assert [f["name"] for f in hero["fields"]] == list(IMAGE["properties"])
    assert hero["fields"][0]["widget"] == "image"
    # An optional group left empty must not block saving: its fields are checked by the schema.
    assert hero["required"] is False and not any(f["required"] for f in hero["fields"])
    photos = fields["photos"]
    assert photos["widget"] == "list"
    assert [f["name"] for f in photos["fields"]] == list(PHOTO["properties"])
    items = {f["name"]: f for f in photos["fields"]}
    assert items["unedited"]["widget"] == items["consent"]["widget"] == "boolean"
    assert items["sessions"]["value_type"] == "int"
    # A default inside a list item makes the CMS add an empty before-and-after pair to every
    # new page, which the schema then rejects.
    assert not [f["name"] for f in photos["fields"] if "default" in f]


def test_choices_come_from_the_registry_and_the_clinics_reviewers() -> None:
    config = build_config(ROOT)
    registry = load_registry(ROOT / "content" / "data" / "treatments.yaml")
    team = load_clinic(ROOT / "content" / "data" / "clinic.yaml")["team"]
    treatment = _fields(_collection(config, "treatments"))["treatment"]
    assert treatment["widget"] == "select"
    assert sorted(o["value"] for o in treatment["options"]) == sorted(registry.treatments)
    sign_off = _fields(_collection(config, "sign-off"))
    reviewers = {o["value"] for o in sign_off["reviewed_by"]["options"]}
    assert reviewers == {k for k, m in team.items() if m.get("reviewer")}
    assert "grace-lim" not in reviewers  # on the team, but not a clinical reviewer
    for name in ("last_reviewed", "next_review"):
        assert sign_off[name]["widget"] == "datetime"
        assert sign_off[name]["format"] == "YYYY-MM-DD" and sign_off[name]["time_format"] is False


def test_only_the_sign_off_collection_sets_the_reviewer_and_new_pages_are_drafts() -> None:
    config = build_config(ROOT)
    assert config["publish_mode"] == "editorial_workflow"
    author = _fields(_collection(config, "treatments"))
    for name in ("reviewed_by", "last_reviewed", "next_review"):
        assert author[name]["widget"] == "hidden", f"marketers must not set {name}"
    assert author["status"] == {
        "label": "Status",
        "name": "status",
        "widget": "hidden",
        "default": "draft",
    }
    sign_off = _collection(config, "sign-off")
    assert sign_off["create"] is False and sign_off["folder"] == "content/treatments"


def test_a_change_to_the_data_changes_the_configuration(tmp_path: Path) -> None:
    """What makes the first test fail when someone edits clinic.yaml and forgets the editor."""
    site = tmp_path / "site"
    shutil.copytree(ROOT / "content", site / "content")
    clinic = site / "content" / "data" / "clinic.yaml"
    data = clinic.read_text(encoding="utf-8")
    clinic.write_text(data.replace("    reviewer: false", "    reviewer: true"), encoding="utf-8")
    changed = yaml.safe_load(render_config(site))
    reviewers = _fields(_collection(changed, "sign-off"))["reviewed_by"]["options"]
    assert "grace-lim" in {o["value"] for o in reviewers}
    assert render_config(site) != (ROOT / CONFIG_PATH).read_text(encoding="utf-8")
