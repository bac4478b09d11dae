"""Regenerates examples/README.md from the examples, their notes (examples/notes/*.md) and what
`juesuan check --format json` reports on them. Run from the repository root after the examples
or the audit change:  cargo build --release && python3 scripts/examples-readme.py
tests/golden.rs fails when the README no longer lists every finding."""
import json
import re
import subprocess

SEEDS = [("dehui-2023", "000", "德惠市医疗保险经办中心", "2023"), ("wuerhe-2023", "001", "克拉玛依市乌尔禾区医保局", "2023"),
         ("anyi-2023", "002", "安义县医疗保障局", "2023"), ("beilin-2023", "003", "西安市碑林区医疗保险经办中心", "2023"),
         ("longjing-2024", "004", "龙井市医疗保险经办中心", "2024"),
         ("putuo-caizhengju-2024", "005", "上海市普陀区财政局", "2024")]
HEAD = open("scripts/examples-readme.head.md", encoding="utf-8").read()


def check(stem):
    r = subprocess.run(["target/release/juesuan", "check", "--format", "json", f"examples/{stem}.yaml"],
                       capture_output=True, text=True)
    return json.loads(r.stdout)


def main():
    out = [HEAD.split("{{table}}")[0]]
    results = {}
    for stem, seed, name, year in SEEDS + [("minimal", "—", "示例单位", "2024")]:
        j = results[stem] = check(stem)
        unit = "元 (reconstructed, see below)" if stem in ("wuerhe-2023", "beilin-2023", "longjing-2024", "anyi-2023",
                                                                    "putuo-caizhengju-2024") else "万元"
        out.append(f"| [`{stem}.yaml`]({stem}.yaml) | {seed} | {name} | {year} | {unit} | "
                   f"{j['errors']} errors, {j['warnings']} warnings |\n")
    out.append(HEAD.split("{{table}}")[1])
    for stem, seed, name, _ in SEEDS + [("minimal", "—", "示例单位", "2024")]:
        j = results[stem]
        if stem == "minimal":
            out.append("## The minimal unit（`minimal.yaml`）\n\nA name and a year: every table is printed empty with its note, "
                       "every section says 无.\n\n")
        else:
            out.append(f"## {seed} {name}（`{stem}.yaml`）\n\n")
            out.append(f"Full transcription notes: [`notes/{stem}.md`](notes/{stem}.md).\n\n")
        out.append("### What `juesuan check` reports" + ("" if stem == "minimal" else " on the published figures") + "\n\n")
        if not j["findings"]:
            out.append("Nothing: every identity holds and no warning applies.\n\n")
        else:
            out.append("| severity | rule | place | values | difference |\n|---|---|---|---|---|\n")
            for f in j["findings"]:
                vals = f"{f['left']} / {f['right']}" if f.get("left") is not None else "—"
                diff = f["difference"] if f.get("difference") is not None else "—"
                place = f"`{f['path']}`" + (f" (line {f['line']})" if f.get("line") else "")
                out.append(f"| {f['severity']} | `{f['rule']}` | {place} | {vals} | {diff} |\n")
            out.append("\n<details><summary>messages</summary>\n\n")
            for f in j["findings"]:
                out.append(f"- `{f['rule']}` `{f['path']}`: {f['message']}\n")
            out.append("\n</details>\n\n")
        if stem == "minimal":
            continue
        notes = open(f"examples/notes/{stem}.md", encoding="utf-8").read()
        m = re.search(r"### 原文的错误与更正\n(.*?)(?=\n### )", notes, re.S)
        out.append("### Published sentences that were wrong, and what juesuan prints instead\n\n")
        out.append(m.group(1).strip() + "\n\n")
    open("examples/README.md", "w", encoding="utf-8").write("".join(out))


if __name__ == "__main__":
    main()
