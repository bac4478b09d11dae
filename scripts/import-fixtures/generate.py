#!/usr/bin/env python3
"""Generates the workbook fixtures of `juesuan import` (tests/fixtures/import/).

No real export of the 部门决算报表软件 is public, so these workbooks are built in the layout that
data/import/mapping-2024.yaml describes (see README, "导入决算软件的导出文件"), from the figures of
examples/dehui-2023.yaml: every 类/款/合计 row and every total is computed here from the 项 figures
exactly (Decimal, 元), as the software would. The generated files are committed, so the tests
need no Python.

Run from the repository root (needs PyPI packages xlwt, openpyxl, msoffcrypto-tool, pyyaml):

    pip install xlwt openpyxl msoffcrypto-tool pyyaml
    python3 scripts/import-fixtures/generate.py
"""

import csv
import io
import os
import zipfile
from decimal import Decimal, ROUND_HALF_UP

import openpyxl
import xlwt
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "fixtures", "import")
TEN_THOUSAND = Decimal(10000)


def catalogue(name):
    with open(os.path.join(ROOT, "data", name), encoding="utf-8") as f:
        return {row["code"]: row["name"] for row in csv.DictReader(f)}


FUNCTION = catalogue("function_classification_partial.csv")
ECONOMIC = catalogue("economic_classification_dept.csv")
STANDARD_CLASSES = ["201", "202", "203", "204", "205", "206", "207", "208", "210", "211", "212", "213",
                    "214", "215", "216", "217", "219", "220", "221", "222", "223", "224", "229", "231",
                    "232", "234"]
BASIC_ECONOMIC_CLASSES = ["301", "302", "303", "307", "310", "399"]


def yuan(text):
    """A 万元 amount of the example (text, exact) in 元."""
    return (Decimal(str(text)) * TEN_THOUSAND).quantize(Decimal("0.01"))


# ---------------------------------------------------------------- the unit, in 元, from the example

ITEM_FIELDS = ["inc_general", "inc_fund", "inc_state_capital", "inc_superior", "inc_business",
               "inc_operating", "inc_affiliated", "inc_other",
               "personnel", "public", "project", "fund_basic", "fund_project", "sc_basic",
               "sc_project", "other_basic", "other_project", "to_superior", "operating",
               "to_affiliated", "budget_initial", "budget_full", "fund_budget_initial",
               "fund_budget_full", "gen_opening", "gen_closing", "fund_opening", "fund_closing",
               "sc_opening", "sc_closing"]


def zero_item():
    return {f: Decimal(0) for f in ITEM_FIELDS}


def unit_from_example(path):
    with open(path, encoding="utf-8") as f:
        ex = yaml.load(f, Loader=yaml.BaseLoader)
    items = {}

    def item(code):
        return items.setdefault(str(code), zero_item())

    for row in ex.get("income") or []:
        it = item(row["code"])
        for src, dst in [("general", "inc_general"), ("fund", "inc_fund"),
                         ("state_capital", "inc_state_capital"), ("superior", "inc_superior"),
                         ("business", "inc_business"), ("operating", "inc_operating"),
                         ("affiliated", "inc_affiliated"), ("other", "inc_other")]:
            if src in row:
                it[dst] = yuan(row[src])
    for row in ex.get("expenditure") or []:
        it = item(row["code"])
        g = row.get("general") or {}
        for k in ["personnel", "public", "project"]:
            if k in g:
                it[k] = yuan(g[k])
        for grp, pre in [("fund", "fund_"), ("state_capital", "sc_")]:
            for k in ["basic", "project"]:
                if k in (row.get(grp) or {}):
                    it[pre + k] = yuan(row[grp][k])
        o = row.get("other") or {}
        for k, dst in [("basic", "other_basic"), ("project", "other_project"),
                       ("to_superior", "to_superior"), ("operating", "operating"),
                       ("to_affiliated", "to_affiliated")]:
            if k in o:
                it[dst] = yuan(o[k])
        for grp, pre in [("budget", "budget_"), ("fund_budget", "fund_budget_")]:
            for k in ["initial", "full"]:
                if k in (row.get(grp) or {}):
                    it[pre + k] = yuan(row[grp][k])
    bal = ex.get("balances") or {}
    balances = {}
    for side in ["opening", "closing"]:
        for k in ["general", "state_capital", "other"]:
            balances[f"{side}_{k}"] = yuan((bal.get(side) or {}).get(k, "0"))
    for row in bal.get("fund_items") or []:
        it = item(row["code"])
        it["fund_opening"] = yuan(row.get("opening", "0"))
        it["fund_closing"] = yuan(row.get("closing", "0"))
    balances["used"] = yuan(bal.get("non_fiscal_surplus_used", "0"))
    balances["distribution"] = yuan(bal.get("surplus_distribution", "0"))
    allocate_balances(items, balances, "general", "inc_general", ["personnel", "public", "project"],
                      "gen_opening", "gen_closing")
    economic = {str(r["code"]): yuan(r["amount"]) for r in ex.get("basic_by_economic") or []}
    budget = ex.get("budget") or {}
    sg = ex.get("sangong") or {}
    sangong = {}
    for k in ["abroad", "vehicle_purchase", "vehicle_running", "reception", "meeting", "training"]:
        s = sg.get(k) or {}
        sangong[k] = (yuan(s.get("budget_initial", "0")), yuan(s.get("actual", "0")))
    counts = {k: int(sg.get(k, "0")) for k in ["abroad_groups", "abroad_people", "vehicles_bought",
                                               "vehicles_held", "reception_batches", "reception_people",
                                               "foreign_batches", "foreign_people", "meetings",
                                               "meeting_people", "trainings", "training_people"]}
    assets = ex.get("assets") or {}
    vehicles = {k: int(assets.get(k, "0")) for k in
                ["vehicles_total", "vehicles_leader", "vehicles_principal", "vehicles_confidential",
                 "vehicles_emergency", "vehicles_enforcement", "vehicles_special", "vehicles_retired",
                 "vehicles_other"]}
    return {
        "name": ex["unit"]["name"],
        "year": int(ex["unit"]["year"]),
        "items": items,
        "balances": balances,
        "economic": economic,
        "general_initial": yuan(budget.get("general_initial", "0")),
        "sangong": sangong,
        "foreign_amount": yuan(sg.get("foreign_amount", "0")),
        "counts": counts,
        "operating_costs": yuan((ex.get("operating_costs") or {}).get("amount", "0")),
        "vehicles": vehicles,
        "equipment": int(assets.get("equipment_over_million", "0")),
        "fixed_assets": yuan(assets.get("fixed_assets_value", "0")),
    }


def allocate_balances(items, balances, fund, income_key, spent_keys, opening_key, closing_key):
    """Per-项 年初/年末结转和结余 of a fund such that opening + income − spent = closing on every
    row (the export has them per 项; the example only has totals): the whole opening balance goes
    to the 项 that spends most beyond its income."""
    total_opening = balances[f"opening_{fund}"]
    deltas = {c: sum(it[k] for k in spent_keys) - it[income_key] for c, it in items.items()}
    if not deltas:
        return
    target = max(deltas, key=lambda c: deltas[c])
    for code, it in items.items():
        it[opening_key] = total_opening if code == target else Decimal(0)
        it[closing_key] = it[opening_key] - deltas[code]
        assert it[closing_key] >= 0, f"{code}: negative closing balance"
    assert sum(it[closing_key] for it in items.values()) == balances[f"closing_{fund}"], "balances do not add up"


def previous_year(unit):
    """Last year's unit: every 项 figure at 80 % (whole 元), income = spending, the 经济分类 scaled
    and corrected so that 人员经费 and 公用经费 still add up exactly."""
    def s(d):
        return (d * Decimal("0.8")).quantize(Decimal("1"), rounding=ROUND_HALF_UP)

    items = {}
    for code, it in unit["items"].items():
        n = zero_item()
        for k in ["personnel", "public", "project", "fund_basic", "fund_project", "sc_basic",
                  "sc_project", "other_basic", "other_project", "to_superior", "operating",
                  "to_affiliated", "budget_initial", "fund_budget_initial"]:
            n[k] = s(it[k])
        n["inc_general"] = n["personnel"] + n["public"] + n["project"]
        n["inc_fund"] = n["fund_basic"] + n["fund_project"]
        n["inc_state_capital"] = n["sc_basic"] + n["sc_project"]
        n["inc_other"] = n["other_basic"] + n["other_project"] + n["to_superior"] + n["operating"] + n["to_affiliated"]
        items[code] = n
    economic = {c: s(v) for c, v in unit["economic"].items()}
    for classes, key in [(("301", "303"), "personnel"), (("302", "307", "310", "399"), "public")]:
        want = sum(it[key] for it in items.values())
        codes = [c for c in economic if c[:3] in classes]
        if codes:
            biggest = max(codes, key=lambda c: economic[c])
            economic[biggest] += want - sum(economic[c] for c in codes)
    prev = dict(unit)
    prev.update({
        "year": unit["year"] - 1,
        "items": items,
        "economic": economic,
        "balances": {k: Decimal(0) for k in unit["balances"]},
        "general_initial": sum(it["budget_initial"] for it in items.values()),
        "sangong": {k: (s(b), s(a)) for k, (b, a) in unit["sangong"].items()},
        "operating_costs": s(unit["operating_costs"]),
    })
    return prev


# ---------------------------------------------------------------- workbook writers (xls and xlsx)

class Book:
    """One interface over xlwt (BIFF8) and openpyxl (xlsx)."""

    def __init__(self, kind):
        self.kind = kind
        if kind == "xls":
            self.wb = xlwt.Workbook(encoding="utf-8")
        else:
            self.wb = openpyxl.Workbook()
            self.wb.remove(self.wb.active)

    def sheet(self, name):
        name = name[:31]  # Excel's limit: "Z08_1 …(财决08-" as real exports have it
        return Sheet(self, self.wb.add_sheet(name) if self.kind == "xls" else self.wb.create_sheet(name))

    def save(self, path):
        self.wb.save(path)


class Sheet:
    def __init__(self, book, ws):
        self.book = book
        self.ws = ws

    def write(self, r, c, value):
        if value is None:
            return
        if isinstance(value, Decimal):
            value = int(value) if value == value.to_integral_value() else float(value)
        if self.book.kind == "xls":
            self.ws.write(r, c, value)
        else:
            self.ws.cell(row=r + 1, column=c + 1, value=value)

    def merge(self, r1, c1, r2, c2, value):
        if self.book.kind == "xls":
            if isinstance(value, Decimal):
                value = float(value)
            self.ws.write_merge(r1, r2, c1, c2, value)
        else:
            self.write(r1, c1, value)
            if (r1, c1) != (r2, c2):
                self.ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)


class Style:
    """The variations a fixture exercises."""

    def __init__(self, extra_title_rows=0, text_numbers=False, split_codes=False, dash_zeros=False,
                 swap_income_columns=False, unit_label="元"):
        self.extra_title_rows = extra_title_rows
        self.text_numbers = text_numbers
        self.split_codes = split_codes
        self.dash_zeros = dash_zeros
        self.swap_income_columns = swap_income_columns
        self.unit_label = unit_label


def amount_cell(d, style, scale=Decimal(1)):
    d = d / scale
    if scale != 1:
        d = d.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if d == 0 and style.dash_zeros:
        return "—"
    if style.text_numbers:
        return f"{d:,.2f}"
    return d


def title_rows(ws, style, title, number, unit, year, width):
    """Title, 表号, 编制单位 / 年度 / 单位; returns the first header row."""
    r = 0
    for i in range(style.extra_title_rows):
        ws.write(r, 0, f"部门决算报表软件导出（第{i + 1}行说明）")
        r += 1
    ws.merge(r, 0, r, width - 1, title)
    r += 1
    ws.write(r, width - 1, number)
    r += 1
    name_end = max(0, min(3, width - 3))
    ws.merge(r, 0, r, name_end, f"编制单位：{unit['name']}")
    ws.write(r, name_end + 1, f"{year}年度")
    ws.write(r, width - 1, f"单位：{style.unit_label}")
    return r + 1


def code_rows(codes):
    """Every 类, 款 and 项 of the 项 codes, in code order."""
    rows = set()
    for c in codes:
        rows.update([c[:3], c[:5], c])
    return sorted(rows)


def item_sheet(book, unit, style, name, title, number, columns, values, codes=None, scale=Decimal(1)):
    """A 明细表: 科目编码 (A–C) and 科目名称 (D), then one column per entry of `columns` (a header
    path: ("合计",) or ("基本支出", "人员经费")); `values(code, index)` gives a 项's amount."""
    ws = book.sheet(name)
    width = 4 + len(columns)
    r = title_rows(ws, style, title, number, unit, unit["year"], width)
    depth = max(len(c) for c in columns)
    ws.merge(r, 0, r, 2, "科目编码")
    for i, label in enumerate(["类", "款", "项"]):
        ws.write(r + 1, i, label) if depth > 1 else None
    if depth == 1:
        pass
    ws.merge(r, 3, r + depth - 1, 3, "科目名称")
    c = 4
    while c < width:
        col = columns[c - 4]
        if len(col) == 1:
            ws.merge(r, c, r + depth - 1, c, col[0])
            c += 1
            continue
        group = col[0]
        span = 1
        while c + span < width and len(columns[c - 4 + span]) > 1 and columns[c - 4 + span][0] == group:
            span += 1
        ws.merge(r, c, r, c + span - 1, group)
        for k in range(span):
            ws.write(r + 1, c + k, columns[c - 4 + k][1])
        c += span
    r += depth
    ws.merge(r, 0, r, 3, "栏次")
    for i in range(len(columns)):
        ws.write(r, 4 + i, i + 1)
    r += 1
    codes = codes if codes is not None else sorted(unit["items"])
    rows = code_rows(codes)
    ws.merge(r, 0, r, 3, "合计")
    for i in range(len(columns)):
        ws.write(r, 4 + i, amount_cell(sum(values(c, i) for c in codes), style, scale))
    r += 1
    for code in rows:
        if style.split_codes:
            ws.write(r, 0, code[:3])
            ws.write(r, 1, code[3:5] if len(code) > 3 else None)
            ws.write(r, 2, code[5:7] if len(code) > 5 else None)
        else:
            ws.merge(r, 0, r, 2, code)
        ws.write(r, 3, FUNCTION.get(code, f"科目{code}"))
        members = [c for c in codes if c.startswith(code)]
        for i in range(len(columns)):
            ws.write(r, 4 + i, amount_cell(sum(values(c, i) for c in members), style, scale))
        r += 1
    return ws


def field_sum(unit, code, keys):
    it = unit["items"][code]
    return sum(it[k] for k in keys)


INCOME_COLUMNS = [
    (("本年收入合计",), ["inc_general", "inc_fund", "inc_state_capital", "inc_superior", "inc_business",
                         "inc_operating", "inc_affiliated", "inc_other"]),
    (("财政拨款收入", "小计"), ["inc_general", "inc_fund", "inc_state_capital"]),
    (("财政拨款收入", "一般公共预算财政拨款"), ["inc_general"]),
    (("财政拨款收入", "政府性基金预算财政拨款"), ["inc_fund"]),
    (("财政拨款收入", "国有资本经营预算财政拨款"), ["inc_state_capital"]),
    (("上级补助收入",), ["inc_superior"]),
    (("事业收入",), ["inc_business"]),
    (("经营收入",), ["inc_operating"]),
    (("附属单位上缴收入",), ["inc_affiliated"]),
    (("其他收入",), ["inc_other"]),
]

ALL_SPENT = ["personnel", "public", "project", "fund_basic", "fund_project", "sc_basic", "sc_project",
             "other_basic", "other_project", "to_superior", "operating", "to_affiliated"]

EXPENDITURE_COLUMNS = [
    (("本年支出合计",), ALL_SPENT),
    (("基本支出",), ["personnel", "public", "fund_basic", "sc_basic", "other_basic"]),
    (("项目支出",), ["project", "fund_project", "sc_project", "other_project"]),
    (("上缴上级支出",), ["to_superior"]),
    (("经营支出",), ["operating"]),
    (("对附属单位补助支出",), ["to_affiliated"]),
]


def fund_columns(pre, income, opening, closing, basic, project, budget):
    return [
        (("年初结转和结余",), [opening]),
        (("年初预算数",), [budget]),
        (("全年预算数",), []),
        (("本年收入",), [income]),
        (("本年支出", "合计"), basic + project),
        (("本年支出", "基本支出"), basic),
        (("本年支出", "项目支出"), project),
        (("年末结转和结余",), [closing]),
    ]


def write_item_sheet(book, unit, style, name, title, number, spec, codes=None, scale=Decimal(1)):
    item_sheet(book, unit, style, name, title, number, [c for c, _ in spec],
               lambda code, i: field_sum(unit, code, spec[i][1]), codes, scale)


def write_export(unit, path, kind, style=Style(), omit=(), corrupt=None):
    book = Book(kind)
    codes = sorted(unit["items"])
    if "Z01" not in omit:
        write_z01(book, unit, style)
    income = list(INCOME_COLUMNS)
    if style.swap_income_columns:
        income[5], income[6] = income[6], income[5]
    write_item_sheet(book, unit, style, "Z03 收入决算表(财决03表)", "收入决算表", "财决03表", income)
    write_item_sheet(book, unit, style, "Z04 支出决算表(财决04表)", "支出决算表", "财决04表", EXPENDITURE_COLUMNS)
    write_item_sheet(book, unit, style, "Z07 一般公共预算财政拨款收入支出决算表(财决07表)",
                     "一般公共预算财政拨款收入支出决算表", "财决07表",
                     fund_columns("", "inc_general", "gen_opening", "gen_closing", ["personnel", "public"],
                                  ["project"], "budget_initial"))
    if "Z08" not in omit:
        write_item_sheet(book, unit, style, "Z08 一般公共预算财政拨款支出决算明细表(财决08表)",
                         "一般公共预算财政拨款支出决算明细表", "财决08表", [
                             (("合计",), ["personnel", "public", "project"]),
                             (("基本支出", "小计"), ["personnel", "public"]),
                             (("基本支出", "人员经费"), ["personnel"]),
                             (("基本支出", "公用经费"), ["public"]),
                             (("项目支出",), ["project"]),
                         ])
    write_z08_1(book, unit, style)
    write_item_sheet(book, unit, style, "Z09 政府性基金预算财政拨款收入支出决算表(财决09表)",
                     "政府性基金预算财政拨款收入支出决算表", "财决09表",
                     fund_columns("fund_", "inc_fund", "fund_opening", "fund_closing", ["fund_basic"],
                                  ["fund_project"], "fund_budget_initial"))
    write_f01(book, unit, style)
    write_f03(book, unit, style)
    book.save(path)
    if corrupt:
        corrupt(path)


def write_z01(book, unit, style):
    ws = book.sheet("Z01 收入支出决算总表(财决01表)")
    r = title_rows(ws, style, "收入支出决算总表", "财决01表", unit, unit["year"], 8)
    ws.merge(r, 0, r, 3, "收入")
    ws.merge(r, 4, r, 7, "支出")
    for i, h in enumerate(["项目", "行次", "年初预算数", "决算数"] * 2):
        ws.write(r + 1, i, h)
    r += 2
    ws.write(r, 0, "栏次")
    ws.write(r, 2, 1)
    ws.write(r, 3, 2)
    ws.write(r, 4, "栏次")
    ws.write(r, 6, 3)
    ws.write(r, 7, 4)
    r += 1
    items = unit["items"].values()
    tot = lambda k: sum(it[k] for it in items)
    b = unit["balances"]
    fund_initial = tot("fund_budget_initial")
    income_rows = [
        ("一、一般公共预算财政拨款收入", unit["general_initial"], tot("inc_general")),
        ("二、政府性基金预算财政拨款收入", fund_initial, tot("inc_fund")),
        ("三、国有资本经营预算财政拨款收入", Decimal(0), tot("inc_state_capital")),
        ("四、上级补助收入", None, tot("inc_superior")),
        ("五、事业收入", None, tot("inc_business")),
        ("六、经营收入", None, tot("inc_operating")),
        ("七、附属单位上缴收入", None, tot("inc_affiliated")),
        ("八、其他收入", None, tot("inc_other")),
    ]
    income_total = sum(v for _, _, v in income_rows)
    opening = tot("gen_opening") + tot("fund_opening") + b["opening_state_capital"] + b["opening_other"]
    income_rows += [
        ("本年收入合计", None, income_total),
        ("使用非财政拨款结余（含专用结余）", None, b["used"]),
        ("年初结转和结余", None, opening),
        ("其中：一般公共预算财政拨款", None, tot("gen_opening")),
        ("      政府性基金预算财政拨款", None, tot("fund_opening")),
        ("      国有资本经营预算财政拨款", None, b["opening_state_capital"]),
        ("      非财政拨款", None, b["opening_other"]),
        ("总计", None, income_total + b["used"] + opening),
    ]
    spent_total = sum(field_sum(unit, c, ALL_SPENT) for c in unit["items"])
    closing = tot("gen_closing") + tot("fund_closing") + b["closing_state_capital"] + b["closing_other"]
    numerals = "一二三四五六七八九十"
    def cn(n):
        return numerals[n - 1] if n <= 10 else ("十" + numerals[n - 11] if n < 20 else "二十" + (numerals[n - 21] if n > 20 else ""))
    spend_rows = []
    for i, cls in enumerate(STANDARD_CLASSES, 1):
        v = sum(field_sum(unit, c, ALL_SPENT) for c in unit["items"] if c.startswith(cls))
        spend_rows.append((f"{cn(i)}、{FUNCTION[cls]}", None, v))
    spend_rows += [
        ("本年支出合计", None, spent_total),
        ("结余分配", None, b["distribution"]),
        ("年末结转和结余", None, closing),
        ("其中：一般公共预算财政拨款", None, tot("gen_closing")),
        ("      政府性基金预算财政拨款", None, tot("fund_closing")),
        ("      国有资本经营预算财政拨款", None, b["closing_state_capital"]),
        ("      非财政拨款", None, b["closing_other"]),
        ("总计", None, spent_total + b["distribution"] + closing),
    ]
    for k, (label, budget, value) in enumerate(income_rows):
        ws.write(r + k, 0, label)
        ws.write(r + k, 1, k + 1)
        ws.write(r + k, 2, amount_cell(budget, style) if budget is not None else None)
        ws.write(r + k, 3, amount_cell(value, style))
    for k, (label, budget, value) in enumerate(spend_rows):
        ws.write(r + k, 4, label)
        ws.write(r + k, 5, len(income_rows) + k + 1)
        ws.write(r + k, 7, amount_cell(value, style))


def write_z08_1(book, unit, style):
    """基本支出 by 经济分类 as columns: 合计, then each 类 followed by its 款 (every 款 of the
    catalogue, as the software prints them all)."""
    columns = [("合计",)]
    keys = []
    for cls in BASIC_ECONOMIC_CLASSES:
        columns.append((ECONOMIC[cls],))
        keys.append(cls)
        for code in sorted(c for c in ECONOMIC if len(c) == 5 and c.startswith(cls)):
            columns.append((ECONOMIC[code],))
            keys.append(code)
    econ = unit["economic"]
    total = sum(econ.values())
    basic = {c: field_sum(unit, c, ["personnel", "public"]) for c in unit["items"]}
    basic_total = sum(basic.values())

    def values(code, i):
        # The 经济分类 split of each 项's 基本支出 is not in the example: spread each 款 over the
        # 项 in proportion to their 基本支出, the last 项 taking the remainder, so every row and
        # every column adds up exactly.
        if i == 0:
            return basic[code]
        key = keys[i - 1]
        whole = sum(v for c, v in econ.items() if c.startswith(key))
        codes = [c for c in sorted(basic) if basic[c] != 0]
        if code not in codes or basic_total == 0:
            return Decimal(0)
        if code == codes[-1]:
            return whole - sum(share(c, key) for c in codes[:-1])
        return share(code, key)

    def share(code, key):
        whole_kuan = [c for c in econ if c.startswith(key) and len(c) == 5]
        return sum((econ[k] * basic[code] / basic_total).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
                   for k in whole_kuan) if len(key) == 3 else \
            (econ.get(key, Decimal(0)) * basic[code] / basic_total).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    assert total == basic_total, "经济分类 does not add up to 基本支出"
    item_sheet(book, unit, style, "Z08_1 一般公共预算财政拨款基本支出决算明细表(财决08-1表)",
               "一般公共预算财政拨款基本支出决算明细表", "财决08-1表", columns, values)


def write_f01(book, unit, style):
    ws = book.sheet("F01 预算支出相关信息表(财决附01表)")
    r = title_rows(ws, style, "预算支出相关信息表", "财决附01表", unit, unit["year"], 7)
    for i, h in enumerate(["项目", "行次", "预算数", "统计数", "项目", "行次", "统计数"]):
        ws.write(r, i, h)
    r += 1
    ws.write(r, 0, "栏次")
    ws.write(r, 2, 1)
    ws.write(r, 3, 2)
    ws.write(r, 4, "栏次")
    ws.write(r, 6, 3)
    r += 1
    sg = unit["sangong"]
    three = [sg[k] for k in ["abroad", "vehicle_purchase", "vehicle_running", "reception"]]
    left = [
        ("一、“三公”经费支出", sum(b for b, _ in three), sum(a for _, a in three)),
        ("（一）因公出国（境）费", *sg["abroad"]),
        ("（二）公务用车购置及运行维护费", sg["vehicle_purchase"][0] + sg["vehicle_running"][0],
         sg["vehicle_purchase"][1] + sg["vehicle_running"][1]),
        ("1.公务用车购置费", *sg["vehicle_purchase"]),
        ("2.公务用车运行维护费", *sg["vehicle_running"]),
        ("（三）公务接待费", *sg["reception"]),
        ("其中：外事接待费", None, unit["foreign_amount"]),
        ("二、会议费", *sg["meeting"]),
        ("三、培训费", *sg["training"]),
        ("四、机关运行经费", None, unit["operating_costs"]),
    ]
    c = unit["counts"]
    right = [
        ("因公出国（境）团组数", c["abroad_groups"]),
        ("因公出国（境）人次数", c["abroad_people"]),
        ("公务用车购置数", c["vehicles_bought"]),
        ("公务用车保有量", c["vehicles_held"]),
        ("国内公务接待批次", c["reception_batches"]),
        ("国内公务接待人次", c["reception_people"]),
        ("其中：外事接待批次", c["foreign_batches"]),
        ("外事接待人次", c["foreign_people"]),
        ("会议次数", c["meetings"]),
        ("会议人次", c["meeting_people"]),
        ("培训次数", c["trainings"]),
        ("培训人次", c["training_people"]),
    ]
    for k, (label, budget, actual) in enumerate(left):
        ws.write(r + k, 0, label)
        ws.write(r + k, 1, k + 1)
        ws.write(r + k, 2, amount_cell(budget, style) if budget is not None else "—")
        ws.write(r + k, 3, amount_cell(actual, style))
    for k, (label, n) in enumerate(right):
        ws.write(r + k, 4, label)
        ws.write(r + k, 5, len(left) + k + 1)
        ws.write(r + k, 6, n)


def write_f03(book, unit, style):
    ws = book.sheet("F03 机构运行信息表(财决附03表)")
    r = title_rows(ws, style, "机构运行信息表", "财决附03表", unit, unit["year"], 4)
    for i, h in enumerate(["项目", "行次", "数量", "金额"]):
        ws.write(r, i, h)
    r += 1
    ws.write(r, 0, "栏次")
    ws.write(r, 2, 1)
    ws.write(r, 3, 2)
    r += 1
    v = unit["vehicles"]
    rows = [
        ("车辆数合计", v["vehicles_total"], None),
        ("其中：副部（省）级及以上领导用车", v["vehicles_leader"], None),
        ("主要负责人用车", v["vehicles_principal"], None),
        ("机要通信用车", v["vehicles_confidential"], None),
        ("应急保障用车", v["vehicles_emergency"], None),
        ("执法执勤用车", v["vehicles_enforcement"], None),
        ("特种专业技术用车", v["vehicles_special"], None),
        ("离退休干部服务用车", v["vehicles_retired"], None),
        ("其他用车", v["vehicles_other"], None),
        ("单价50万元以上通用设备", 0, None),
        ("单价100万元以上专用设备", unit["equipment"], None),
        ("固定资产原值", None, unit["fixed_assets"]),
    ]
    for k, (label, n, money) in enumerate(rows):
        ws.write(r + k, 0, label)
        ws.write(r + k, 1, k + 1)
        ws.write(r + k, 2, n if n is not None else "—")
        ws.write(r + k, 3, amount_cell(money, style) if money is not None else "—")


# ---------------------------------------------------------------- last year's published tables (万元)

def write_published(unit, path):
    """公开01–09表 in 万元, each cell rounded on its own from 元 (so totals may differ from the sum of
    their rounded parts by a cent or two, as in real publications)."""
    book = Book("xlsx")
    style = Style(unit_label="万元")
    w = TEN_THOUSAND
    items = unit["items"]
    tot = lambda k: sum(it[k] for it in items.values())

    def two_block(name, number, left, right, right_headers):
        ws = book.sheet(f"{number} {name}")
        width = 3 + len(right_headers) + 2
        r = title_rows(ws, style, name, number, unit, unit["year"], width)
        ws.merge(r, 0, r, 2, "收入")
        ws.merge(r, 3, r, width - 1, "支出")
        for i, h in enumerate(["项目", "行次", "决算数", "项目", "行次"] + right_headers):
            ws.write(r + 1, i, h)
        r += 2
        ws.write(r, 0, "栏次")
        ws.write(r, 2, 1)
        ws.write(r, 3, "栏次")
        for i in range(len(right_headers)):
            ws.write(r, 5 + i, 2 + i)
        r += 1
        for k, (label, value) in enumerate(left):
            ws.write(r + k, 0, label)
            ws.write(r + k, 1, k + 1)
            ws.write(r + k, 2, amount_cell(value, style, w))
        for k, (label, values) in enumerate(right):
            ws.write(r + k, 3, label)
            ws.write(r + k, 4, len(left) + k + 1)
            for i, v in enumerate(values):
                ws.write(r + k, 5 + i, amount_cell(v, style, w))

    spent = lambda c: field_sum(unit, c, ALL_SPENT)
    by_class = lambda f: [sum(f(c) for c in items if c.startswith(cls)) for cls in STANDARD_CLASSES]
    income_total = tot("inc_general") + tot("inc_fund") + tot("inc_state_capital") + tot("inc_superior") + \
        tot("inc_business") + tot("inc_operating") + tot("inc_affiliated") + tot("inc_other")
    spent_total = sum(spent(c) for c in items)
    two_block("收入支出决算总表", "公开01表", [
        ("一、一般公共预算财政拨款收入", tot("inc_general")),
        ("二、政府性基金预算财政拨款收入", tot("inc_fund")),
        ("三、国有资本经营预算财政拨款收入", tot("inc_state_capital")),
        ("四、上级补助收入", tot("inc_superior")),
        ("五、事业收入", tot("inc_business")),
        ("六、经营收入", tot("inc_operating")),
        ("七、附属单位上缴收入", tot("inc_affiliated")),
        ("八、其他收入", tot("inc_other")),
        ("本年收入合计", income_total),
        ("使用非财政拨款结余（含专用结余）", Decimal(0)),
        ("年初结转和结余", Decimal(0)),
        ("总计", income_total),
    ], [(FUNCTION[cls], [v]) for cls, v in zip(STANDARD_CLASSES, by_class(spent))] + [
        ("本年支出合计", [spent_total]),
        ("结余分配", [Decimal(0)]),
        ("年末结转和结余", [Decimal(0)]),
        ("总计", [spent_total]),
    ], ["决算数"])
    fiscal = lambda c: field_sum(unit, c, ["personnel", "public", "project", "fund_basic", "fund_project",
                                           "sc_basic", "sc_project"])
    general = lambda c: field_sum(unit, c, ["personnel", "public", "project"])
    fundf = lambda c: field_sum(unit, c, ["fund_basic", "fund_project"])
    scf = lambda c: field_sum(unit, c, ["sc_basic", "sc_project"])
    fiscal_in = tot("inc_general") + tot("inc_fund") + tot("inc_state_capital")
    two_block("财政拨款收入支出决算总表", "公开04表", [
        ("一、一般公共预算财政拨款", tot("inc_general")),
        ("二、政府性基金预算财政拨款", tot("inc_fund")),
        ("三、国有资本经营预算财政拨款", tot("inc_state_capital")),
        ("本年收入合计", fiscal_in),
        ("年初财政拨款结转和结余", Decimal(0)),
        ("其中：一般公共预算财政拨款", Decimal(0)),
        ("      政府性基金预算财政拨款", Decimal(0)),
        ("      国有资本经营预算财政拨款", Decimal(0)),
        ("总计", fiscal_in),
    ], [(FUNCTION[cls], [a, b, c, d]) for cls, a, b, c, d in
        zip(STANDARD_CLASSES, by_class(fiscal), by_class(general), by_class(fundf), by_class(scf))] + [
        ("本年支出合计", [sum(fiscal(c) for c in items), sum(general(c) for c in items),
                          sum(fundf(c) for c in items), sum(scf(c) for c in items)]),
        ("年末财政拨款结转和结余", [Decimal(0)] * 4),
        ("总计", [sum(fiscal(c) for c in items), sum(general(c) for c in items),
                  sum(fundf(c) for c in items), sum(scf(c) for c in items)]),
    ], ["合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"])
    general_codes = [c for c in sorted(items) if general(c) != 0]
    fund_codes = [c for c in sorted(items) if fundf(c) != 0 or items[c]["inc_fund"] != 0]
    write_item_sheet(book, unit, style, "公开02表 收入决算表", "收入决算表", "公开02表", [
        (("本年收入合计",), INCOME_COLUMNS[0][1]),
        (("财政拨款收入",), ["inc_general", "inc_fund", "inc_state_capital"]),
        (("上级补助收入",), ["inc_superior"]),
        (("事业收入",), ["inc_business"]),
        (("经营收入",), ["inc_operating"]),
        (("附属单位上缴收入",), ["inc_affiliated"]),
        (("其他收入",), ["inc_other"]),
    ], scale=w)
    write_item_sheet(book, unit, style, "公开03表 支出决算表", "支出决算表", "公开03表", EXPENDITURE_COLUMNS, scale=w)
    write_item_sheet(book, unit, style, "公开05表 一般公共预算财政拨款支出决算表", "一般公共预算财政拨款支出决算表",
                     "公开05表", [
                         (("合计",), ["personnel", "public", "project"]),
                         (("基本支出", "小计"), ["personnel", "public"]),
                         (("基本支出", "人员经费"), ["personnel"]),
                         (("基本支出", "公用经费"), ["public"]),
                         (("项目支出",), ["project"]),
                     ], codes=general_codes, scale=w)
    write_item_sheet(book, unit, style, "公开07表 政府性基金预算财政拨款收入支出决算表",
                     "政府性基金预算财政拨款收入支出决算表", "公开07表", [
                         (("年初结转和结余",), ["fund_opening"]),
                         (("本年收入",), ["inc_fund"]),
                         (("本年支出", "小计"), ["fund_basic", "fund_project"]),
                         (("本年支出", "基本支出"), ["fund_basic"]),
                         (("本年支出", "项目支出"), ["fund_project"]),
                         (("年末结转和结余",), ["fund_closing"]),
                     ], codes=fund_codes, scale=w)
    ws = book.sheet("公开09表 财政拨款“三公”经费支出决算表")
    r = title_rows(ws, style, "财政拨款“三公”经费支出决算表", "公开09表", unit, unit["year"], 12)
    heads = ["合计", "因公出国（境）费", ("公务用车购置及运行维护费", "小计"),
             ("公务用车购置及运行维护费", "公务用车购置费"), ("公务用车购置及运行维护费", "公务用车运行维护费"), "公务接待费"]
    sg = unit["sangong"]
    for half, (label, pick) in enumerate([("预算数", 0), ("决算数", 1)]):
        base = half * 6
        ws.merge(r, base, r, base + 5, label)
        vals = [sum(sg[k][pick] for k in ["abroad", "vehicle_purchase", "vehicle_running", "reception"]),
                sg["abroad"][pick], sg["vehicle_purchase"][pick] + sg["vehicle_running"][pick],
                sg["vehicle_purchase"][pick], sg["vehicle_running"][pick], sg["reception"][pick]]
        ws.merge(r + 1, base, r + 2, base, heads[0])
        ws.merge(r + 1, base + 1, r + 2, base + 1, heads[1])
        ws.merge(r + 1, base + 2, r + 1, base + 4, "公务用车购置及运行维护费")
        for k in range(3):
            ws.write(r + 2, base + 2 + k, heads[2 + k][1])
        ws.merge(r + 1, base + 5, r + 2, base + 5, heads[5])
        for k in range(6):
            ws.write(r + 3, base + k, base + k + 1)
            ws.write(r + 4, base + k, amount_cell(vals[k], style, w))
    book.save(path)


# ---------------------------------------------------------------- hostile and broken files

def fraction_of_cent(path):
    wb = openpyxl.load_workbook(path)
    ws = wb[[n for n in wb.sheetnames if n.startswith("Z04")][0]]
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, (int, float)) and cell.value > 100000:
                cell.value = cell.value + 0.005
                wb.save(path)
                return


def garbage_text(path):
    wb = openpyxl.load_workbook(path)
    ws = wb[[n for n in wb.sheetnames if n.startswith("Z08 ")][0]]
    for row in ws.iter_rows(min_row=8):
        for cell in row:
            if isinstance(cell.value, (int, float)) and cell.value > 100000:
                cell.value = "约三十万"
                wb.save(path)
                return


def inconsistent(path):
    """One 项 cell of Z03 raised by 100元: the 款, 类 and 合计 rows no longer add up."""
    wb = openpyxl.load_workbook(path)
    ws = wb[[n for n in wb.sheetnames if n.startswith("Z03")][0]]
    for row in ws.iter_rows():
        if row[0].value == "2101550":
            for cell in row[4:]:
                if isinstance(cell.value, (int, float)) and cell.value:
                    cell.value += 100
            wb.save(path)
            return


def encrypt(src, dst, password="secret"):
    import msoffcrypto
    with open(src, "rb") as f:
        office = msoffcrypto.OfficeFile(f)
        with open(dst, "wb") as out:
            office.encrypt(password, out)


def password_xls(src, dst):
    """A BIFF8 workbook with a FILEPASS record (what Excel writes for 'password to open'): the
    2-byte WINDOWPROTECT record of the globals is turned into a FILEPASS of the same size, so the
    compound file keeps its layout."""
    data = bytearray(open(src, "rb").read())
    needle = bytes([0x19, 0x00, 0x02, 0x00, 0x00, 0x00])  # WINDOWPROTECT, length 2, value 0
    i = data.find(needle)
    assert i > 0, "WINDOWPROTECT not found"
    data[i:i + 6] = bytes([0x2F, 0x00, 0x02, 0x00, 0x01, 0x00])  # FILEPASS, RC4 encryption
    open(dst, "wb").write(bytes(data))


def main():
    os.makedirs(OUT, exist_ok=True)
    unit = unit_from_example(os.path.join(ROOT, "examples", "dehui-2023.yaml"))
    prev = previous_year(unit)
    p = lambda name: os.path.join(OUT, name)
    write_export(unit, p("dehui-2023.xls"), "xls", Style(dash_zeros=True))
    write_export(unit, p("dehui-2023.xlsx"), "xlsx",
                 Style(extra_title_rows=2, text_numbers=True, split_codes=True, swap_income_columns=True))
    write_export(prev, p("dehui-2022.xls"), "xls")
    write_published(prev, p("dehui-2022-published.xlsx"))
    write_export(unit, p("missing-sheet.xlsx"), "xlsx", omit=("Z08",))
    write_export(unit, p("fraction-of-cent.xlsx"), "xlsx", corrupt=fraction_of_cent)
    write_export(unit, p("garbage-text.xlsx"), "xlsx", corrupt=garbage_text)
    write_export(unit, p("inconsistent.xlsx"), "xlsx", corrupt=inconsistent)
    encrypt(p("dehui-2023.xlsx"), p("password.xlsx"))
    password_xls(p("dehui-2023.xls"), p("password.xls"))
    with open(p("html.xls"), "w", encoding="utf-8") as f:
        f.write("<html><head><meta charset=\"utf-8\"></head><body><table><tr><td>收入决算表</td></tr>"
                "<tr><td>2101550</td><td>3115300</td></tr></table></body></html>\n")
    with open(p("spreadsheetml.xls"), "w", encoding="utf-8") as f:
        f.write("<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n"
                "<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">\n"
                "<Worksheet ss:Name=\"Z01\"><Table><Row><Cell><Data ss:Type=\"String\">收入支出决算总表"
                "</Data></Cell></Row></Table></Worksheet>\n</Workbook>\n")
    with open(p("text.xls"), "w", encoding="utf-8") as f:
        f.write("科目编码,科目名称,合计\n2101550,事业运行,3115300\n")
    # A 5 KB xls whose sheets each span A1:IV65536 (calamine would allocate gigabytes).
    wb = xlwt.Workbook()
    for i in range(3):
        ws = wb.add_sheet(f"Z0{i}")
        ws.write(0, 0, "a")
        ws.write(65535, 255, "b")
    wb.save(p("huge-extent.xls"))
    # A 150 KB xlsx whose shared strings unpack to 150 MB.
    with zipfile.ZipFile(p("zip-bomb.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/sharedStrings.xml", "<sst>" + " " * 150_000_000 + "</sst>")
    # A 1 KB xlsx with one merged region over the whole sheet (A1:XFD1048576), written by hand:
    # openpyxl itself would create every merged cell.
    with zipfile.ZipFile(p("huge-merge.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                   '</Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                   '</Relationships>')
        z.writestr("xl/workbook.xml",
                   '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                   '<sheets><sheet name="Z01 收入支出决算总表" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                   '</Relationships>')
        z.writestr("xl/worksheets/sheet1.xml",
                   '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                   '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>收入支出决算总表</t></is></c></row></sheetData>'
                   '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>')
    data = open(p("dehui-2023.xlsx"), "rb").read()
    open(p("truncated.xlsx"), "wb").write(data[: len(data) // 2])
    with open(p("mapping-wrong-header.yaml"), "w", encoding="utf-8") as f:
        text = open(os.path.join(ROOT, "data", "import", "mapping-2024.yaml"), encoding="utf-8").read()
        f.write(text.replace("column: 基本支出/人员经费}]", "column: 基本支出/人员费}]", 1))
    with open(p("mapping-ambiguous.yaml"), "w", encoding="utf-8") as f:
        f.write(text.replace("expenditure.general.project: [{sheet: Z08, column: 项目支出}]",
                             "expenditure.general.project: [{sheet: Z01, column: 决算数}]", 1))
    # A mapping that reads a wrong but existing column: the workbook is consistent, the imported
    # figures are not.
    with open(p("mapping-wrong-column.yaml"), "w", encoding="utf-8") as f:
        f.write(text.replace("expenditure.general.project: [{sheet: Z08, column: 项目支出}]",
                             "expenditure.general.project: [{sheet: Z07, column: 本年支出/合计}]", 1))
    # A mapping fitted to a file whose Z03 has 事业收入 before 上级补助收入 and whose 栏次 are used:
    with open(p("mapping-by-lanci.yaml"), "w", encoding="utf-8") as f:
        f.write(text.replace("income.superior: [{sheet: Z03, column: 上级补助收入}]",
                             "income.superior: [{sheet: Z03, column: 7}]", 1))


if __name__ == "__main__":
    main()
