#!/usr/bin/env python3
"""Writes the worst unit file for peak memory found so far (see README, Reliability): just under
the 4 MiB input limit, 3,000 项 (the list limit) of income and expenditure, each with a name of
nearly the 200-character limit, personnel/public/project figures, budgets, change and budget
reasons and a prior-year row, and 30 款 named in code_names. Every row appears in several tables
and sentences, so this is the input that makes the report largest. Usage: worst-input.py FILE"""
import sys

N = 3000
codes = [f"201{i // 99 + 40:02d}{i % 99 + 1:02d}" for i in range(N)]
out = ["unit:\n  name: 测试局\n  year: 2023\n  duties: [负责本单位的各项工作。]\ncode_names:\n"]
for k in sorted({c[:5] for c in codes}):
    out.append(f"  - code: {k}\n    name: {'款' * 150}{k}\n")
out.append("income:\n")
for c in codes:
    out.append(f"  - code: {c}\n    name: 收{c}\n    general: 3.00\n")
out.append("expenditure:\n")
name = "名" * 185
for c in codes:
    out.append(
        f"  - code: {c}\n    name: {name}{c}\n"
        "    general: {personnel: 1.00, public: 1.00, project: 1.00}\n"
        "    budget: {initial: 2.00, full: 2.00}\n"
        f"    change_reason: {'原因' * 40}\n    budget_reason: {'差异' * 40}\n"
    )
out.append("previous:\n  expenditure:\n")
for c in codes:
    out.append(f"    - code: {c}\n      name: 名{c}\n      general: {{personnel: 2.00}}\n")
text = "".join(out)
assert len(text.encode()) < 4 * 1024 * 1024, len(text.encode())
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write(text)
