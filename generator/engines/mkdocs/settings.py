"""mkdocs.yml as written (INHERIT merged, !ENV resolved now), for the site source `explainers generate` writes;
not as MkDocs' config object, which has the theme's defaults merged in and Python objects where the file names
them: `!!python/object/apply:f {kwds: ...}` becomes `{object: "f", kwds: {...}}`, and `!!python/name:f` the name
"f", the forms Zensical resolves (e.g. toc.slugify)."""

from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs.utils.yaml import get_yaml_loader, yaml_load


class _Loader(yaml.SafeLoader):
    """YAML as written: Python tags become the names and keyword arguments they hold, nothing is called."""


def _python_tag(loader: _Loader, suffix: str, node: yaml.Node):
    kind, _, name = suffix.partition(":")
    if kind == "name":
        return name
    if kind == "object/apply" and isinstance(node, yaml.MappingNode):
        values = loader.construct_mapping(node, deep=True)
        if set(values) <= {"kwds"}:
            return {"object": name, "kwds": values.get("kwds") or {}}
    raise ValueError(f"mkdocs.yml: !!python/{suffix} at line {node.start_mark.line + 1} has no zensical.toml form; "
                     f"write it as !!python/object/apply:{name} {{kwds: {{...}}}}")


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _python_tag)


def read_mkdocs_yml(path: str | Path) -> dict:
    with open(path, "rb") as handle:  # a file, so that yaml_load finds INHERIT's parent beside it
        return yaml_load(handle, loader=get_yaml_loader(_Loader))
