"""Loading the cached raw files verbatim into raw_<name> tables."""

from __future__ import annotations

import duckdb
import pytest

from dpeace.errors import BuildError
from dpeace.stage.load_raw import load_raw_tables


def record(name, path, file_format="csv"):
    return {"name": name, "source_id": "src", "path": path, "format": file_format, "sha256": "", "rows": 0}


def test_every_value_is_kept_as_the_text_of_the_file(data_dir):
    folder = data_dir / "raw" / "src"
    folder.mkdir(parents=True)
    # -9 stays -9 (the staging models decide what it means), 007 keeps its zeros, an
    # empty cell is NULL.
    (folder / "a.csv").write_text("code,value,note\n007,-9,\n2,3.50,x\n")
    con = duckdb.connect()
    assert load_raw_tables(con, {"a": record("a", "src/a.csv")}) == {"raw_a": 2}
    assert con.execute("select * from raw_a order by code").fetchall() == [
        ("007", "-9", None),
        ("2", "3.50", "x"),
    ]
    assert {
        t for (_, t) in con.execute("select column_name, column_type from (describe raw_a)").fetchall()
    } == {"VARCHAR"}


def test_a_csv_with_old_mac_line_endings_loads_row_by_row(data_dir):
    # Inter-StateWarData_v4.0.csv ends its lines with a lone CR: 3 data rows here.
    folder = data_dir / "raw" / "src"
    folder.mkdir(parents=True)
    (folder / "wars.csv").write_bytes(b"WarNum,WarName\r1,First\r1,First\r4,Second\r")
    con = duckdb.connect()
    assert load_raw_tables(con, {"wars": record("wars", "src/wars.csv")}) == {"raw_wars": 3}
    assert con.execute("select WarName from raw_wars order by all").fetchall() == [
        ("First",),
        ("First",),
        ("Second",),
    ]


def test_a_headerless_tsv_is_named_by_its_declared_columns_and_decoded(data_dir):
    # Gleditsch-Ward's iisystem.dat: tabs, no header, CRLF, Windows-1252 (b"\x92" is a
    # right single quote there, a control character in Latin-1). 2 records, 3 columns.
    folder = data_dir / "raw" / "src"
    folder.mkdir(parents=True)
    (folder / "gw.dat").write_bytes(b"271\tW\xfcrttemberg\t01:01:1816\r\n437\tCote D\x92Ivoire\t\r\n")
    tsv = {
        **record("gw", "src/gw.dat", "tsv"),
        "columns": ["gwcode", "name", "start"],
        "encoding": "windows-1252",
    }
    con = duckdb.connect()
    assert load_raw_tables(con, {"gw": tsv}) == {"raw_gw": 2}
    assert con.execute("select gwcode, name, start from raw_gw order by gwcode").fetchall() == [
        ("271", "W\u00fcrttemberg", "01:01:1816"),
        ("437", "Cote D\u2019Ivoire", None),
    ]


def test_a_headerless_tsv_record_with_too_few_fields_names_the_file_and_record(data_dir):
    # Record 2 has 2 fields where 3 columns are declared: no table, an error naming both.
    folder = data_dir / "raw" / "src"
    folder.mkdir(parents=True)
    (folder / "gw.dat").write_bytes(b"271\tWuerttemberg\t01:01:1816\r\n437\tCote\r\n")
    tsv = {**record("gw", "src/gw.dat", "tsv"), "columns": ["gwcode", "name", "start"]}
    con = duckdb.connect()
    with pytest.raises(BuildError, match=r"gw\.dat: record 2 has 2 tab-separated fields, expected 3"):
        load_raw_tables(con, {"gw": tsv})
    assert con.execute("select count(*) from duckdb_tables()").fetchall() == [(0,)]


def test_a_missing_raw_file_says_which_and_what_to_do(data_dir):
    with pytest.raises(
        BuildError, match=r"raw file for states is missing at .*states2016.csv: run `dpeace fetch`"
    ):
        load_raw_tables(duckdb.connect(), {"states": record("states", "src/states2016.csv")})


def write_minimal_xlsx(path, header, rows):
    """A one-sheet workbook written by hand (no spreadsheet writer is installed): numbers
    as numeric cells, text as inline strings, None as an absent cell."""
    import zipfile
    from xml.sax.saxutils import escape

    def cell(column, row, value):
        ref = f"{chr(ord('A') + column)}{row}"
        if value is None:
            return ""
        if isinstance(value, str):
            return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'
        return f'<c r="{ref}"><v>{value}</v></c>'

    sheet_rows = "".join(
        f'<row r="{r}">' + "".join(cell(c, r, v) for c, v in enumerate(values)) + "</row>"
        for r, values in enumerate([header, *rows], start=1)
    )
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    with zipfile.ZipFile(path, "w") as book:
        book.writestr(
            "[Content_Types].xml",
            (
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                "</Types>"
            ),
        )
        book.writestr(
            "_rels/.rels",
            (
                f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}">'
                f'<Relationship Id="rId1" Type="{relationships}/officeDocument" Target="xl/workbook.xml"/>'
                "</Relationships>"
            ),
        )
        book.writestr(
            "xl/workbook.xml",
            (
                f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{relationships}">'
                '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
            ),
        )
        book.writestr(
            "xl/_rels/workbook.xml.rels",
            (
                f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}">'
                f'<Relationship Id="rId1" Type="{relationships}/worksheet" Target="worksheets/sheet1.xml"/>'
                "</Relationships>"
            ),
        )
        book.writestr(
            "xl/worksheets/sheet1.xml",
            (
                f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}">'
                f"<sheetData>{sheet_rows}</sheetData></worksheet>"
            ),
        )


def test_a_spreadsheet_loads_as_the_text_a_csv_export_would_hold(data_dir):
    # Polity's official form is a spreadsheet; its cells are numbers, which must come out
    # as "-66" and "1800" (not "-66.0"), with empty cells NULL, as in the CSV form.
    folder = data_dir / "raw" / "src"
    folder.mkdir(parents=True)
    write_minimal_xlsx(
        folder / "p5.xlsx",
        ["ccode", "country", "year", "polity", "fragment", "durable"],
        [[2, "United States", 1800, 9, None, 0.5], [700, "Afghanistan", 1801, -66, None, None]],
    )
    con = duckdb.connect()
    assert load_raw_tables(con, {"polity": record("polity", "src/p5.xlsx", "xls")}) == {"raw_polity": 2}
    assert con.execute("select * from raw_polity order by ccode").fetchall() == [
        ("2", "United States", "1800", "9", None, "0.5"),
        ("700", "Afghanistan", "1801", "-66", None, None),
    ]


def test_an_r_data_frame_loads_with_r_s_own_types(data_dir):
    # R keeps codes as doubles: 255 stays the double 255.0 (the staging model casts it),
    # 0.1 and 1e20 stay exactly what R stored; NA is NULL in every type; a logical is a
    # BOOLEAN, a character column VARCHAR. (pyreadr cannot write an R Date; the real
    # vdem_simple's is checked by the mirror tests.)
    import pandas

    from dpeace.bench.r_data_files import write_r_data

    folder = data_dir / "raw" / "src"
    folder.mkdir(parents=True)
    frame = pandas.DataFrame(
        {
            "ccode": [255.0, 2.0, None],
            "score": [0.1, 2.5e-07, None],
            "big": [1e20, -3.0, 0.0],
            "name": ["Cland", None, "Aland"],
            "in_system": [True, False, True],
        }
    )
    write_r_data(folder / "d.rda", frame, "scores")
    con = duckdb.connect()
    rdata = {**record("scores", "src/d.rda", "rdata"), "object": "scores"}
    assert load_raw_tables(con, {"scores": rdata}) == {"raw_scores": 3}
    assert con.execute("select * from raw_scores order by name nulls first").fetchall() == [
        (2.0, 2.5e-07, -3.0, None, False),
        (None, None, 0.0, "Aland", True),
        (255.0, 0.1, 1e20, "Cland", True),
    ]
    assert con.execute("select column_name, column_type from (describe raw_scores)").fetchall() == [
        ("ccode", "DOUBLE"),
        ("score", "DOUBLE"),
        ("big", "DOUBLE"),
        ("name", "VARCHAR"),
        ("in_system", "BOOLEAN"),
    ]


def test_r_data_files_load_beside_the_others_and_no_loading_thread_outlives_the_load(data_dir):
    # Two R files and a CSV: every table is there with its rows, whenever the thread
    # loading the CSV finishes, and that thread is gone when the load returns.
    import threading

    import pandas

    from dpeace.bench.r_data_files import write_r_data

    folder = data_dir / "raw" / "src"
    folder.mkdir(parents=True)
    write_r_data(folder / "a.rda", pandas.DataFrame({"year": [1816.0, 1817.0]}), "a")
    write_r_data(folder / "b.rda", pandas.DataFrame({"year": [1900.0, 1901.0, 1902.0]}), "b")
    (folder / "c.csv").write_text("year\n2000\n")
    provenance = {
        "a": {**record("a", "src/a.rda", "rdata"), "object": "a"},
        "b": {**record("b", "src/b.rda", "rdata"), "object": "b"},
        "c": record("c", "src/c.csv"),
    }
    con = duckdb.connect()
    assert load_raw_tables(con, provenance) == {"raw_a": 2, "raw_b": 3, "raw_c": 1}
    assert con.execute("select sum(year) from raw_b").fetchall() == [(5703.0,)]
    assert not [t for t in threading.enumerate() if t.name == "raw-text-loader"]


def test_a_failing_text_file_beside_the_r_data_leaves_no_thread_and_no_table(data_dir):
    # The TSV fails (its second record is one field short) while the R files load: an error
    # naming the TSV, no thread left behind, and no table of the TSV's side.
    import threading

    import pandas

    from dpeace.bench.r_data_files import write_r_data

    folder = data_dir / "raw" / "src"
    folder.mkdir(parents=True)
    write_r_data(folder / "a.rda", pandas.DataFrame({"year": [1816.0, 1817.0]}), "a")
    write_r_data(folder / "b.rda", pandas.DataFrame({"year": [1900.0]}), "b")
    (folder / "c.dat").write_bytes(b"1\t2\n3\n")
    provenance = {
        "a": {**record("a", "src/a.rda", "rdata"), "object": "a"},
        "b": {**record("b", "src/b.rda", "rdata"), "object": "b"},
        "c": {**record("c", "src/c.dat", "tsv"), "columns": ["x", "y"]},
    }
    con = duckdb.connect()
    with pytest.raises(BuildError, match=r"c\.dat: record 2 has 1 tab-separated fields, expected 2"):
        load_raw_tables(con, provenance)
    assert not [t for t in threading.enumerate() if t.name == "raw-text-loader"]
    assert con.execute("select count(*) from duckdb_tables() where table_name = 'raw_c'").fetchall() == [(0,)]


def test_an_unreadable_r_data_file_is_a_build_error_naming_it(data_dir):
    folder = data_dir / "raw" / "src"
    folder.mkdir(parents=True)
    (folder / "d.rda").write_bytes(b"RDX3\nX\n\x00\x00")
    rdata = {**record("scores", "src/d.rda", "rdata"), "object": "scores"}
    with pytest.raises(
        BuildError, match=r"could not read raw file .*src/d.rda: cannot read it as an R data file"
    ):
        load_raw_tables(duckdb.connect(), {"scores": rdata})
