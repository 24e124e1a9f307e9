"""The editors' guide ships in the site, and its field reference is the schema itself."""

import re

from generator import schema


def test_field_reference_lists_every_field_of_every_record(project):
    project.event("a", "2024-11-27", "Alpha")
    project.build()
    page = project.html("guide/fields")
    for record in (schema.EVENT, schema.SOURCE, schema.CLAIM, schema.FATALITIES, schema.CORRECTION, schema.ACTOR,
                   schema.PLACE, schema.EXPLAINER, schema.SELECTOR):
        for field in record.fields:
            assert f"<code>{field.name}</code>" in page, (record.name, field.name)
    rows = re.findall(r"<tr>\s*<td><code>([a-z_]+)</code></td>", page)
    assert len(rows) >= sum(len(r.fields) for r in (schema.EVENT, schema.ACTOR, schema.PLACE, schema.EXPLAINER))
    for status, meaning in schema.CLAIM_STATUSES.items():
        assert meaning in page


def test_sample_site_has_the_guide_pages(tmp_path):
    import subprocess, sys
    from support import REPO
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path)], cwd=REPO, check=True,
                   capture_output=True)
    assert "The daily loop" in (tmp_path / "guide/index.html").read_text()
    assert "duplicate key" in (tmp_path / "guide/errors/index.html").read_text()
    assert "non-state-actor-overtakes-territory" in (tmp_path / "guide/fields/index.html").read_text()
