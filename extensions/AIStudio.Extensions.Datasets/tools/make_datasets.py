#!/usr/bin/env python3
"""Rebuilds the shipped datasets and licence texts from the packages they were taken from.

Nothing here is invented: each CSV is a copy (penguins) or a column-named transcription (iris, digits) of a file
inside a Debian package, and each licence text is the SPDX text from the npm package `spdx-license-list`.

Usage (arguments are folders where the packages were unpacked, e.g. with `apt-get download` + `dpkg-deb -x`
and `npm pack` + `tar x`):
  make_datasets.py PALMERPENGUINS_EXTDATA SKLEARN_DATASETS SPDX_FULL_JSON OUT_DIR
    PALMERPENGUINS_EXTDATA  r-cran-palmerpenguins 0.1.1-1: .../site-library/palmerpenguins/extdata
    SKLEARN_DATASETS        python3-sklearn 1.2.1+dfsg-1: .../dist-packages/sklearn/datasets
    SPDX_FULL_JSON          spdx-license-list 6.12.0 (SPDX License List 3.28.0): package/spdx-full.json
    OUT_DIR                 this project's folder (writes datasets/ and licenses/)
"""
import csv
import gzip
import hashlib
import io
import json
import os
import sys

LICENSE_IDS = [
    "MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "ISC", "CC0-1.0", "CC-BY-4.0", "CC-BY-SA-4.0",
    "CC-BY-NC-4.0", "CC-BY-ND-4.0", "CC-BY-NC-SA-4.0", "CC-BY-NC-ND-4.0", "ODbL-1.0", "ODC-By-1.0", "PDDL-1.0",
    "Unlicense", "GPL-3.0-only", "CDLA-Permissive-2.0",
]


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def csv_text(header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def dataset(out, name, csv_content, meta, licence_text, attribution):
    folder = os.path.join(out, "datasets", name)
    write(os.path.join(folder, f"{name}.csv"), csv_content)
    rows = csv_content.count("\n") - 1
    meta = {"name": name, **meta, "file": f"{name}.csv", "rows": rows,
            "sha256": hashlib.sha256(csv_content.encode("utf-8")).hexdigest()}
    write(os.path.join(folder, "dataset.json"), json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
    write(os.path.join(folder, "LICENSE"), attribution + "\n\n" + licence_text.replace("\r\n", "\n").strip() + "\n")


def main(penguins_dir, sklearn_dir, spdx_json, out):
    spdx = json.load(open(spdx_json, encoding="utf-8"))
    for lid in LICENSE_IDS:
        write(os.path.join(out, "licenses", f"{lid}.txt"), spdx[lid]["licenseText"].replace("\r\n", "\n").strip() + "\n")

    # Penguins: the package's CSV byte for byte ("NA" marks a missing value).
    with open(os.path.join(penguins_dir, "penguins.csv"), encoding="utf-8", newline="") as f:
        penguins = f.read()
    dataset(out, "penguins", penguins, {
        "title": "Palmer penguins",
        "description": "Size measurements, sex and year for 344 adult foraging penguins (Adelie, Chinstrap, Gentoo) "
                       "near Palmer Station, Antarctica, 2007-2009. Missing values are NA in the file.",
        "license": "CC0-1.0",
        "source": "https://allisonhorst.github.io/palmerpenguins/",
        "obtainedFrom": "Debian package r-cran-palmerpenguins 0.1.1-1, file extdata/penguins.csv (unchanged)",
        "citation": "Horst AM, Hill AP, Gorman KB (2020). palmerpenguins: Palmer Archipelago (Antarctica) penguin data. "
                    "R package version 0.1.0. https://allisonhorst.github.io/palmerpenguins/. doi: 10.5281/zenodo.3960218. "
                    "Data: Gorman KB, Williams TD, Fraser WR (2014) PLoS ONE 9(3): e90081.",
        "missingValue": "NA",
        "columns": [
            {"name": "species", "type": "string", "description": "Adelie, Chinstrap or Gentoo"},
            {"name": "island", "type": "string", "description": "Biscoe, Dream or Torgersen"},
            {"name": "bill_length_mm", "type": "double", "description": "bill length (mm)"},
            {"name": "bill_depth_mm", "type": "double", "description": "bill depth (mm)"},
            {"name": "flipper_length_mm", "type": "int", "description": "flipper length (mm)"},
            {"name": "body_mass_g", "type": "int", "description": "body mass (g)"},
            {"name": "sex", "type": "string", "description": "female or male"},
            {"name": "year", "type": "int", "description": "year of the study"},
        ],
    }, spdx["CC0-1.0"]["licenseText"],
        "palmerpenguins data by Allison Horst, Alison Hill and Kristen Gorman, dedicated to the public domain under CC0 1.0.")

    # Iris: scikit-learn's copy (Fisher's values, which R also has); the header line there is
    # "150,4,setosa,versicolor,virginica" and the class is a number: named here.
    with open(os.path.join(sklearn_dir, "data", "iris.csv"), encoding="utf-8") as f:
        r = list(csv.reader(f))
    classes = r[0][2:]
    iris_rows = [row[:4] + [classes[int(row[4])]] for row in r[1:]]
    dataset(out, "iris", csv_text(["sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm", "species"], iris_rows), {
        "title": "Iris",
        "description": "Fisher's iris data: four measurements of 50 flowers from each of three iris species "
                       "(values as in Fisher's paper and R, which differ from the UCI file in two rows).",
        "license": "CC-BY-4.0",
        "source": "https://archive.ics.uci.edu/dataset/53/iris",
        "obtainedFrom": "Debian package python3-sklearn 1.2.1+dfsg-1, file sklearn/datasets/data/iris.csv (class numbers replaced by names)",
        "citation": "Fisher RA (1936). The use of multiple measurements in taxonomic problems. Annals of Eugenics 7(2): 179-188. "
                    "Fisher RA (1988). Iris. UCI Machine Learning Repository. doi: 10.24432/C56C76.",
        "missingValue": "",
        "columns": [
            {"name": "sepal_length_cm", "type": "double", "description": "sepal length (cm)"},
            {"name": "sepal_width_cm", "type": "double", "description": "sepal width (cm)"},
            {"name": "petal_length_cm", "type": "double", "description": "petal length (cm)"},
            {"name": "petal_width_cm", "type": "double", "description": "petal width (cm)"},
            {"name": "species", "type": "string", "description": "setosa, versicolor or virginica"},
        ],
    }, spdx["CC-BY-4.0"]["licenseText"],
        "Iris by R.A. Fisher, UCI Machine Learning Repository (doi: 10.24432/C56C76), licensed under CC BY 4.0. "
        "Change: stored as CSV with named columns.")

    # Digits: scikit-learn's copy of the UCI optdigits test set (8x8 counts 0-16, then the digit).
    with gzip.open(os.path.join(sklearn_dir, "data", "digits.csv.gz"), "rt", encoding="utf-8") as f:
        digits_rows = [row for row in csv.reader(f) if row]
    header = [f"pixel_{r}_{c}" for r in range(8) for c in range(8)] + ["digit"]
    digits_rows = [[str(int(float(v))) for v in row] for row in digits_rows]
    dataset(out, "digits", csv_text(header, digits_rows), {
        "title": "Handwritten digits (8x8)",
        "description": "1,797 handwritten digits as 8x8 grids of counts 0-16 (the test set of UCI Optical Recognition of "
                       "Handwritten Digits), with the digit 0-9.",
        "license": "CC-BY-4.0",
        "source": "https://archive.ics.uci.edu/dataset/80/optical+recognition+of+handwritten+digits",
        "obtainedFrom": "Debian package python3-sklearn 1.2.1+dfsg-1, file sklearn/datasets/data/digits.csv.gz (header added)",
        "citation": "Alpaydin E, Kaynak C (1998). Optical Recognition of Handwritten Digits. UCI Machine Learning Repository. "
                    "doi: 10.24432/C50P49.",
        "missingValue": "",
        "columns": [{"name": h, "type": "int", "description": f"ink count of block {h[6:].replace('_', ',')}" if h != "digit" else "the digit"}
                    for h in header],
    }, spdx["CC-BY-4.0"]["licenseText"],
        "Optical Recognition of Handwritten Digits by E. Alpaydin and C. Kaynak, UCI Machine Learning Repository "
        "(doi: 10.24432/C50P49), licensed under CC BY 4.0. Change: stored as CSV with a header row.")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
