"""Makes N submissions of an assignment: the student version with the solutions filled back in (most), or left blank."""
import json
import sys


def unwrap(source):
    lines = source.splitlines(keepends=True)
    kept = [l for l in lines if l.strip().lstrip("/#").strip() not in ("BEGIN SOLUTION", "END SOLUTION")]
    return "".join(kept).rstrip("\n")


def main(source_path, student_path, out_dir, count):
    source = json.load(open(source_path, encoding="utf-8"))
    answers = {}
    for cell in source["cells"]:
        nbgrader = cell.get("metadata", {}).get("nbgrader", {})
        if nbgrader.get("solution"):
            text = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            answers[nbgrader["grade_id"]] = unwrap(text)
    for i in range(count):
        student = json.load(open(student_path, encoding="utf-8"))
        if i % 4 != 3:  # three in four solve it
            for cell in student["cells"]:
                grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
                if grade_id in answers:
                    cell["source"] = answers[grade_id]
        with open(f"{out_dir}/student-{i + 1:02d}.ipynb", "w", encoding="utf-8") as f:
            f.write(json.dumps(student, sort_keys=True, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
