#!/usr/bin/env python3
"""The data behind a built dossier site, read by the clients people use.

Usage: check.py OUTPUT_FOLDER... [--geojson FILE]...

For each output folder (a `dossier build`):
- every CSV (data/*.csv, measures/*/figures.csv) is read with Python's csv
  module and with pandas, which must give the same cells; the header is the
  one the README documents, every row has its fields, numbers read back as
  numbers, and data/claims.csv has the claims of data/claims.json in order;
- data/claims.json and data/actors.json are valid against the JSON Schemas
  the build publishes beside them (jsonschema, draft 2020-12);
- data/incidents.geojson opens with the geojson library, is valid against
  the GeoJSON schema (geojson-schema 1.0.5, vendored beside this script),
  and every feature's geometry is valid to shapely.
Each --geojson FILE is checked as incidents.geojson is.

Needs: pandas, geojson, shapely, jsonschema (pip install them; .ci/run does).
"""

import csv
import json
import math
import pathlib
import sys

import geojson
import jsonschema
import pandas
import shapely.geometry

HERE = pathlib.Path(__file__).resolve().parent
CLAIM_COLUMNS = ["id", "text", "by", "via", "about", "said", "when", "status", "grade",
                 "confidence", "responses", "sources", "cited_in", "url", "incident"]
FIGURE_COLUMNS = ["measure", "claim", "by", "said", "as_of", "value", "low", "high",
                  "qualifier", "wording", "unit", "status", "grade"]
NUMBERS = ["value", "low", "high"]

problems = []


def problem(where, what):
    problems.append(f"{where}: {what}")


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, strict=True))
    return rows[0], rows[1:]


def check_csv(path, columns):
    header, rows = read_csv(path)
    if header != columns:
        problem(path, f"header {header}, expected {columns}")
    for n, row in enumerate(rows, 2):
        if len(row) != len(header):
            problem(path, f"row {n} has {len(row)} fields")
    # pandas, every cell as text: the same cells as the csv module.
    frame = pandas.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    if list(frame.columns) != header:
        problem(path, f"pandas reads the header as {list(frame.columns)}")
    if frame.values.tolist() != rows:
        problem(path, "pandas reads other cells than the csv module")
    # pandas, numbers parsed: the numbers of the cells.
    if header == FIGURE_COLUMNS and rows:
        parsed = pandas.read_csv(path, encoding="utf-8", keep_default_na=False,
                                 dtype={c: str for c in header if c not in NUMBERS},
                                 na_values={c: [""] for c in NUMBERS})
        for column in NUMBERS:
            index = header.index(column)
            for row, number in zip(rows, parsed[column]):
                cell = row[index]
                if cell == "":
                    if not math.isnan(number):
                        problem(path, f"{column}: an empty cell read as {number}")
                elif float(cell) != number:
                    problem(path, f"{column}: {cell!r} read as {number!r}")
    return header, rows


def check_geojson(path):
    text = pathlib.Path(path).read_text(encoding="utf-8")
    collection = geojson.loads(text)
    if not isinstance(collection, geojson.FeatureCollection):
        problem(path, "not a FeatureCollection")
    if not collection.is_valid:
        problem(path, f"geojson: {collection.errors()}")
    schema = json.loads((HERE / "geojson-schema" / "FeatureCollection.json").read_text())
    for error in jsonschema.Draft7Validator(schema).iter_errors(json.loads(text)):
        problem(path, f"GeoJSON schema: {error.message} at {list(error.path)}")
    for feature in collection["features"]:
        if feature["geometry"] is None:
            continue
        shape = shapely.geometry.shape(feature["geometry"])
        if not shape.is_valid:
            problem(path, f"feature {feature.get('id')}: invalid geometry {shape.wkt}")
    return collection


def check_output(out):
    out = pathlib.Path(out)
    data = out / "data"
    _, claim_rows = check_csv(data / "claims.csv", CLAIM_COLUMNS)
    _, figure_rows = check_csv(data / "figures.csv", FIGURE_COLUMNS)
    measures = sorted(out.glob("measures/*/figures.csv"))
    for path in measures:
        _, rows = check_csv(path, FIGURE_COLUMNS)
        measure = path.parent.name
        if rows != [r for r in figure_rows if r[0] == measure]:
            problem(path, "not the rows of data/figures.csv for its measure")
    for name in ["claims", "actors"]:
        instance = json.loads((data / f"{name}.json").read_text(encoding="utf-8"))
        schema = json.loads((data / f"{name}.schema.json").read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        for error in jsonschema.Draft202012Validator(schema).iter_errors(instance):
            problem(data / f"{name}.json", f"{error.message} at {list(error.path)}")
        if name == "claims":
            if [c["id"] for c in instance] != [r[0] for r in claim_rows]:
                problem(data / "claims.csv", "not the claims of claims.json, in order")
            if [c["text"] for c in instance] != [r[1] for r in claim_rows]:
                problem(data / "claims.csv", "texts differ from claims.json")
    check_geojson(data / "incidents.geojson")
    print(f"{out}: {len(claim_rows)} claims, {len(figure_rows)} figures, "
          f"{len(measures)} measure files")


def main(args):
    samples = []
    outputs = []
    while args:
        arg = args.pop(0)
        if arg == "--geojson":
            samples.append(args.pop(0))
        else:
            outputs.append(arg)
    if not outputs and not samples:
        sys.exit(__doc__)
    for out in outputs:
        check_output(out)
    for sample in samples:
        collection = check_geojson(sample)
        if not collection["features"]:
            problem(sample, "no feature to check")
        print(f"{sample}: {len(collection['features'])} features")
    if problems:
        print("\n".join(problems))
        sys.exit(f"{len(problems)} problem(s)")
    print("data files: every reader agrees")


if __name__ == "__main__":
    main(sys.argv[1:])
