"""Every interpreter of schema.py handles every type it declares: a new type cannot be validated but missing
from the guide, the JSON Schema or `explainers new`."""

import inspect
from dataclasses import dataclass

import pytest
import yaml

from generator.format import schema as s
from generator.format.jsonschema import json_schema
from generator.format.reference import describe
from generator.format.skeletons import placeholder, skeleton
from generator.records.validation import INVALID, Checker, check

INTERPRETERS = {"validation": check, "field reference": describe, "JSON Schema": json_schema,
                "explainers new": placeholder}
TYPES = [cls for _, cls in inspect.getmembers(s, inspect.isclass)
         if issubclass(cls, s.FieldType) and cls is not s.FieldType and cls.__module__ == s.__name__]


def used_types():
    """The types of every field of every record and registry the schema declares, nested ones included."""
    found, pending = set(), [v for v in vars(s).values() if isinstance(v, (s.Record, s.Registry))]
    while pending:
        item = pending.pop()
        if isinstance(item, s.Registry):
            pending.append(item.value)
        elif isinstance(item, s.Field):
            pending.append(item.type)
        else:
            assert isinstance(item, s.FieldType), f"{item!r} is a field type that does not derive from FieldType"
            found.add(type(item))
            if isinstance(item, s.Record):
                pending += item.fields
            elif isinstance(item, s.ListOf):
                pending.append(item.item)
    return found


def test_the_discovered_types_are_the_types_fields_use():
    # Finding the types by their base class misses none only if every type a field uses derives from it.
    assert used_types() == set(TYPES)


@pytest.mark.parametrize("interpreter", INTERPRETERS.values(), ids=INTERPRETERS.keys())
@pytest.mark.parametrize("kind", TYPES, ids=lambda cls: cls.__name__)
def test_each_interpreter_registers_every_type(interpreter, kind):
    assert kind in interpreter.registry


@dataclass(frozen=True)
class Unknown(s.FieldType):
    pass


def _node():
    return yaml.compose("x")


@pytest.mark.parametrize("call", [
    lambda: check(Unknown(), Checker("p", [], {}), _node(), "x"),
    lambda: Checker("p", [], {}).value(_node(), Unknown(), "x"),
    lambda: describe(Unknown()),
    lambda: json_schema(Unknown(), {}),
    lambda: placeholder(Unknown(), None),
    lambda: skeleton(s.Record("r", "", (s.Field("f", Unknown(), "help", required=True),)), {}),
], ids=["validation", "Checker.value", "field reference", "JSON Schema", "explainers new", "skeleton"])
def test_an_unregistered_type_is_a_type_error_naming_it(call):
    with pytest.raises(TypeError, match="Unknown"):
        call()


# One real field per interpreter ------------------------------------------------------------------------------

def test_validation_checks_by_type():
    problems = []
    checker = Checker("p", problems, {"actors": {"hts"}})
    actors = s.ListOf(s.Reference("actors"), single_ok=True)
    assert checker.value(yaml.compose("hts"), actors, "actors") == ["hts"]
    assert checker.value(yaml.compose("[hts, x]"), actors, "actors") == ["hts"]
    assert checker.value(yaml.compose("'36.5'"), s.Number(-90, 90), "lat") is INVALID
    assert checker.value(yaml.compose("[a]"), s.Choice(("a",)), "era") is INVALID
    assert [p.message for p in problems] == ["actors[2] 'x' is not in content/actors.yml",
                                             "lat must be a number, not '36.5'",
                                             "era must be a single value, not a list"]


def test_field_reference_describes_nested_types():
    assert (describe(s.SELECTOR.by_name["actors"].type)
            == "list of actor id (actors.yml) (or a single value)")
    assert describe(s.EVENT.by_name["sources"].type) == "list of source (see below), at least 1"


def test_json_schema_of_a_choice_is_an_enum_and_a_single_value_list_either_form():
    assert json_schema(s.Choice(("a", "b")), {}) == {"enum": ["a", "b"]}
    assert json_schema(s.ListOf(s.Reference("actors"), single_ok=True), {"actors": ["hts"]}) == {
        "anyOf": [{"enum": ["hts"]}, {"type": "array", "items": {"enum": ["hts"]}}]}


def test_skeleton_leaves_required_fields_empty_and_comments_optional_ones_with_examples():
    # The examples stay in comments: a required field holding one would pass validation as a real record.
    lines = skeleton(s.PLACE, {}).splitlines()
    assert lines[0] == 'name: ""  # Name in the page\'s language.'
    assert lines[1] == '# native_name: "حلب"  # Name in its own language and script.'
    assert lines[2] == 'country: ""  # ISO 3166-1 alpha-2 code.'
    assert lines[4] == "# lat: 36.2021  # Latitude, WGS84 decimal degrees."
    assert skeleton(s.PLACE, {"name": "Hama"}).splitlines()[0] == "name: Hama  # Name in the page's language."
    assert placeholder(s.Boolean(), None) == "true"
    assert placeholder(s.ListOf(s.Slug()), ["a", "b"]) == "[a, b]"
