"""The ACLED export is faithful to ACLED's file: its 31 columns in its order, its country
names, numeric iso codes and regions, its disorder types, zero-padded ids, Unix timestamps,
and a Frictionless Table Schema that the export validates against and pandas reads with."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from report_support import document

from timeline import countries
from timeline.cli import cli
from timeline.dates import from_iso
from timeline.reports import acled, render
from timeline.reports import acled_reference as reference
from timeline.reports.datapackage import table_schema

frictionless = pytest.importorskip("frictionless")
pd = pytest.importorskip("pandas")

AA = {"conflict": "armenia-azerbaijan"}


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_acleds_31_columns_come_first_in_acleds_order() -> None:
    assert len(reference.COLUMNS) == 31
    assert reference.COLUMNS[:5] == (
        "event_id_cnty",
        "event_date",
        "year",
        "time_precision",
        "disorder_type",
    )
    assert reference.COLUMNS[-3:] == ("fatalities", "tags", "timestamp")
    assert acled.COLUMNS[:31] == reference.COLUMNS
    schema = table_schema("acled")
    assert [f["name"] for f in schema["fields"]] == list(acled.COLUMNS)


def test_every_country_the_engine_accepts_has_an_acled_entry() -> None:
    table = reference.countries()
    for country in countries.all_countries():
        entry = table[country.alpha_3]
        assert entry.region in reference.REGIONS
        assert entry.iso == (int(country.numeric) if country.numeric else 0)
    assert table["XKX"].iso == 0 and table["XKX"].name == "Kosovo"
    assert table["RUS"].name == "Russia" and table["TUR"].name == "Turkey"
    assert table["COD"].name == "Democratic Republic of Congo"
    assert (table["ARM"].iso, table["ARM"].region) == (51, "Caucasus and Central Asia")
    assert set(reference.REGIONS) == {c.region for c in table.values()}


def test_every_sub_type_has_acleds_disorder_type() -> None:
    assert sum(len(s) for s in reference.SUB_EVENT_TYPES.values()) == 25
    assert reference.disorder_type("Battles", "Armed clash") == "Political violence"
    assert reference.disorder_type("Protests", "Peaceful protest") == "Demonstrations"
    assert (
        reference.disorder_type("Protests", "Excessive force against protesters")
        == "Political violence; Demonstrations"
    )
    assert reference.disorder_type("Riots", "Mob violence") == "Political violence"
    assert reference.disorder_type("Strategic developments", "Agreement") == (
        "Strategic developments"
    )


def test_export_rows_carry_acleds_values(series_home: Path) -> None:
    doc = document(series_home, **AA)
    rows = _rows(render(doc, "acled"))
    recorded = {d["id"]: d["recorded_at"] for d in doc.developments}
    for row in rows:
        assert len(row["event_id_cnty"]) == 15 and row["event_id_cnty"][3:].isdigit()
        assert row["disorder_type"] == reference.disorder_type(
            row["event_type"], row["sub_event_type"]
        )
        assert row["iso"] == str(reference.countries()[row["event_id_cnty"][:3]].iso)
        assert row["region"] and row["country"] and row["source_scale"]
        expected = int(from_iso(recorded[row["timeline_development_id"]]).timestamp())
        assert row["timestamp"] == str(expected)
        if row["inter1"]:
            assert row["interaction"] == (
                f"{row['inter1']}0"
                if row["inter2"] == "0"
                else "".join(sorted(row["inter1"] + row["inter2"]))
            )
    assert {r["country"] for r in rows} >= {"Armenia", "Azerbaijan", "Russia", "Turkey"}
    turkey = next(r for r in rows if r["country"] == "Turkey")
    assert (turkey["iso"], turkey["region"]) == ("792", "Middle East")
    # A sole actor: ACLED's inter2 0 and interaction "10".
    sole = next(r for r in rows if r["timeline_kind"] == "statement_of_support")
    assert (sole["inter1"], sole["inter2"], sole["interaction"]) == ("1", "0", "10")
    # Reuters is a British outlet: International for an event in Armenia.
    assert {r["source_scale"] for r in rows if r["source"] == "Reuters"} == {"International"}
    # Empty cells only where the data has nothing: no named actor ACLED codes.
    uncoded = [r for r in rows if not r["actor1"]]
    assert {r["timeline_kind"] for r in uncoded} <= {
        "statement",
        "verification_note",
        "envoy_visit_planned",
    }


def test_event_ids_are_zero_padded() -> None:
    ids = {acled.event_id("AZE", f"dev-{n}", 0) for n in range(2000)}
    assert all(len(i) == 15 for i in ids)
    assert any(i[3] == "0" for i in ids)


def _development(kind: str, summary: str) -> dict[str, Any]:
    return {"kind": kind, "summary": summary}


@pytest.mark.parametrize(
    ("kind", "summary", "inter", "expected"),
    [
        ("shelling", "Drones struck a fuel depot near Belgorod.", (1, 1), "Air/drone strike"),
        ("shelling", "An air strike hit the market.", (1, 7), "Air/drone strike"),
        ("shelling", "A roadside bomb hit a convoy.", (2, 1), "Remote explosive/landmine/IED"),
        (
            "shelling",
            "Troops shelled border villages.",
            (1, 1),
            "Shelling/artillery/missile attack",
        ),
        (
            "armed_clash",
            "Rebels seized the town after heavy fighting.",
            (2, 1),
            "Non-state actor overtakes territory",
        ),
        (
            "armed_clash",
            "The army recaptured the town from the rebels.",
            (1, 2),
            "Government regains territory",
        ),
        ("armed_clash", "Azerbaijani forces took heights near Jermuk.", (1, 0), "Armed clash"),
        (
            "bilateral_talks",
            "The two presidents signed a prisoner exchange deal.",
            (1, 1),
            "Agreement",
        ),
        ("bilateral_talks", "The ministers met in Brussels.", (1, 1), "Other"),
        # Accusations about an attack are not the attack: still not events.
        ("accusation", "Armenia accused Azerbaijan of a drone strike.", (1, 1), "Other"),
    ],
)
def test_sub_types_refined_where_acled_has_one(
    kind: str, summary: str, inter: tuple[int, int], expected: str
) -> None:
    _, sub_type, mapping = acled.acled_type(_development(kind, summary), *inter)
    assert sub_type == expected
    if expected != "Other":
        assert mapping in ("direct", "nearest")


def test_source_scale() -> None:
    assert acled.source_scale(["Reuters"], {"ARM"}) == "International"
    assert acled.source_scale(["Reuters"], {"GBR"}) == "National"
    assert acled.source_scale(["Reuters", "Timeline Desk"], {"ARM"}) == "International-Other"
    assert acled.source_scale(["Timeline Desk", "Reuters"], {"GBR"}) == "National-Other"


def test_export_validates_against_the_table_schema(series_home: Path, tmp_path: Path) -> None:
    for query in (AA, {"country": "KGZ"}, {**AA, "as_of": "2022-09-13T23:59:59Z"}):
        path = tmp_path / "export.csv"
        path.write_text(render(document(series_home, **query), "acled"), encoding="utf-8")
        schema = {k: v for k, v in table_schema("acled").items() if k != "$schema"}
        report = frictionless.validate(
            frictionless.Resource(
                path=path.name,
                basepath=str(tmp_path),
                schema=frictionless.Schema.from_descriptor(schema),
            )
        )
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def _pandas_read(descriptor_path: Path, resource_name: str) -> Any:
    """Read a resource as an analyst would: pandas with the types from datapackage.json."""
    descriptor = json.loads(descriptor_path.read_text())
    res = next(r for r in descriptor["resources"] if r["name"] == resource_name)
    numbers = {"integer": "Int64", "number": "float64", "year": "Int64"}
    dtypes = {f["name"]: numbers.get(f["type"], "string") for f in res["schema"]["fields"]}
    dates = [f["name"] for f in res["schema"]["fields"] if f["type"] in ("date", "datetime")]
    for name in dates:
        dtypes.pop(name)
    return pd.read_csv(
        descriptor_path.parent / res["path"],
        dtype=dtypes,
        parse_dates=dates,
        keep_default_na=False,
        na_values=[""],
    )


def test_cli_writes_a_data_package_that_pandas_and_frictionless_read(
    series_copy: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    out = tmp_path / "out"
    out.mkdir()
    for format_name, name in (("acled", "aa.acled.csv"), ("csv", "aa.csv")):
        result = runner.invoke(
            cli,
            [
                "report",
                "--home",
                str(series_copy),
                "--conflict",
                "armenia-azerbaijan",
                "--format",
                format_name,
                "-o",
                str(out / name),
            ],
        )
        assert result.exit_code == 0, result.output
        assert "datapackage.json" in result.output
    descriptor = out / "datapackage.json"
    assert [r["path"] for r in json.loads(descriptor.read_text())["resources"]] == [
        "aa.acled.csv",
        "aa.csv",
    ]
    report = frictionless.validate(str(descriptor))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])

    df = _pandas_read(descriptor, "aa.acled")
    acled_columns = list(reference.COLUMNS)
    frame = df[acled_columns]
    assert list(frame.columns) == acled_columns
    assert str(frame["fatalities"].dtype) == "Int64"
    assert str(frame["event_date"].dtype).startswith("datetime64")
    assert frame["iso"].dropna().astype(int).isin([51, 31, 643, 792, 250, 56]).all()
    assert int(frame["fatalities"].sum()) > 0
    plain = _pandas_read(descriptor, "aa")
    assert str(plain["reported_at"].dtype).startswith("datetime64")
