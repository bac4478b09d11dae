//! Writing the unit file: YAML text in 元, every figure at the finest level with a comment naming
//! its cell (`# Z08!G9`), and 【待填写：…】 placeholders, each with a comment, for what the export
//! does not hold. Deterministic: the same workbook gives the same bytes.

use super::extract::{Extracted, Figure};
use super::mapping::{CountField as C, ItemField as I, TotalField as T};
use crate::audit::placeholders::placeholder;
use crate::catalogue::{self, Classification};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Where placeholders go that depend on the figures (missing reasons), by YAML path, with what to
/// write there.
pub type Placeholders = BTreeMap<String, String>;

/// What the writer needs besides the figures.
pub struct Header<'a> {
    /// The export's file name, for the first comment.
    pub source: &'a str,
    /// The mapping's name.
    pub mapping: &'a str,
    /// Last year's file name, when `--previous` was given.
    pub previous_source: Option<&'a str>,
}

struct Out {
    text: String,
}

/// A YAML string scalar: double-quoted with JSON escapes (valid YAML), so no user text can end the
/// scalar, start a comment or a new key.
fn quote(s: &str) -> String {
    serde_json::to_string(s).expect("strings serialize")
}

/// Comment text on one line, whatever the workbook's names contain.
/// A cell's text for a single-line field of the unit file (names): a line break typed into the
/// cell (Alt+Enter) becomes a space, since the loader refuses line breaks there.
fn single_line(s: &str) -> String {
    s.split(['\n', '\r', '\u{2028}', '\u{2029}'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn clean(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// An amount as the unit file writes it: exact, no exponent, no trailing zeros (`276000`, `12.5`).
pub fn amount_text(d: Decimal) -> String {
    d.normalize().to_string()
}

fn code_text(code: &str) -> String {
    if code.starts_with('0') {
        quote(code)
    } else {
        code.to_string()
    }
}

impl Out {
    fn line(&mut self, indent: usize, text: &str) {
        let _ = writeln!(self.text, "{:indent$}{text}", "");
    }
    fn comment(&mut self, indent: usize, text: &str) {
        for l in text.lines() {
            let _ = writeln!(self.text, "{:indent$}# {}", "", clean(l));
        }
    }
    fn figure(&mut self, indent: usize, key: &str, f: &Figure) {
        let cite = f.cite();
        if cite.is_empty() {
            self.line(indent, &format!("{key}: {}", amount_text(f.value)));
        } else {
            self.line(
                indent,
                &format!("{key}: {}   # {}", amount_text(f.value), clean(&cite)),
            );
        }
    }
    fn placeholder(&mut self, indent: usize, key: &str, what: &str) {
        self.line(indent, &format!("{key}: {}", quote(&placeholder(what))));
    }
}

fn nonzero(f: Option<&Figure>) -> Option<&Figure> {
    f.filter(|f| !f.value.is_zero())
}

/// The whole unit file.
pub fn write(x: &Extracted, previous: Option<&Extracted>, header: &Header, ph: &Placeholders) -> String {
    let mut o = Out { text: String::new() };
    o.line(0, "# yaml-language-server: $schema=schemas/juesuan.schema.json");
    o.comment(
        0,
        &format!(
            "由 juesuan import 从“{}”生成（对照表：{}）。",
            header.source, header.mapping
        ),
    );
    if let Some(p) = header.previous_source {
        o.comment(0, &format!("上年数据（previous）取自“{p}”。"));
    }
    o.comment(
        0,
        "金额单位为元，照录导出文件；每个数后面的注释是它所在的单元格（表代码!单元格）。\n\
         只填了最细一级（功能分类“项”、经济分类“款”），类、款、合计由 juesuan 计算。\n\
         导出文件中没有的内容写成了【待填写：…】：请逐项改为实际内容（不适用的整项删除）；\n\
         全部填好之前，juesuan check 会报错，juesuan render 不会生成报告。",
    );
    o.line(0, "");
    unit(&mut o, x);
    o.line(0, "");
    o.line(0, "settings:");
    o.line(2, "input_unit: 元");
    o.line(0, "");
    income(&mut o, &x.items, "income", 0);
    expenditure(&mut o, &x.items, "expenditure", 0, ph);
    balances(&mut o, x, 0);
    code_names(&mut o, x);
    economic(&mut o, x);
    budget(&mut o, x);
    sangong(&mut o, x, 0, ph, "sangong");
    operating(&mut o, x, ph);
    procurement(&mut o);
    assets(&mut o, x);
    performance(&mut o);
    reasons(&mut o, ph);
    if let Some(p) = previous {
        previous_year(&mut o, p);
    }
    o.text
}

fn unit(o: &mut Out, x: &Extracted) {
    o.line(0, "unit:");
    match &x.unit_name {
        Some((name, cite)) => o.line(
            2,
            &format!("name: {}   # {}", quote(&single_line(name)), clean(cite)),
        ),
        None => o.placeholder(2, "name", "单位全称（导出文件的标题行中没有“编制单位”）"),
    }
    match x.year {
        Some(y) => o.line(2, &format!("year: {y}")),
        None => {
            o.comment(2, "决算年度：导出文件的标题行中没有“××××年度”，请填写。");
            o.line(2, "year: 0");
        }
    }
    o.comment(
        2,
        "单位性质：行政、参公 或 事业（用于核对机关运行经费），请取消注释并填写：",
    );
    o.line(2, "# nature: 行政");
    o.comment(2, "主要职责，每条一项（取自“三定”方案）：");
    o.line(2, "duties:");
    o.line(4, &format!("- {}", quote(&placeholder("主要职责，每条一项"))));
    o.comment(2, "内设机构，每个一项：");
    o.line(2, "offices:");
    o.line(4, &format!("- {}", quote(&placeholder("内设机构名称，每个一项"))));
    o.comment(
        2,
        "有下属单位时，在 members 下列出纳入本决算的单位（name、level、note）；",
    );
    o.comment(
        2,
        "人员情况（编制数、实有人数、在职、离休、退休）写在 staff 下：见 juesuan init 的模板。",
    );
}

const INCOME: [(I, &str); 8] = [
    (I::IncomeGeneral, "general"),
    (I::IncomeFund, "fund"),
    (I::IncomeStateCapital, "state_capital"),
    (I::IncomeSuperior, "superior"),
    (I::IncomeBusiness, "business"),
    (I::IncomeOperating, "operating"),
    (I::IncomeAffiliated, "affiliated"),
    (I::IncomeOther, "other"),
];

fn has_any(item: &super::extract::Item, fields: &[I]) -> bool {
    fields.iter().any(|f| nonzero(item.fields.get(f)).is_some())
}

fn name_line(o: &mut Out, indent: usize, code: &str, name: Option<&String>) {
    if catalogue::name_of(Classification::Function, code).is_none()
        && let Some(n) = name
    {
        o.line(indent, &format!("name: {}", quote(&single_line(n))));
    }
}

fn income(o: &mut Out, items: &BTreeMap<String, super::extract::Item>, key: &str, indent: usize) {
    let fields: Vec<I> = INCOME.iter().map(|(f, _)| *f).collect();
    let rows: Vec<_> = items.iter().filter(|(_, it)| has_any(it, &fields)).collect();
    if rows.is_empty() {
        return;
    }
    o.line(indent, &format!("{key}:"));
    for (code, item) in rows {
        o.line(indent + 2, &format!("- code: {}", code_text(code)));
        name_line(o, indent + 4, code, item.name.as_ref());
        for (f, k) in INCOME {
            if let Some(fig) = nonzero(item.fields.get(&f)) {
                o.figure(indent + 4, k, fig);
            }
        }
    }
    o.line(0, "");
}

const SPENDING: [(&str, &[(I, &str)]); 4] = [
    (
        "general",
        &[
            // 基本支出 only when the table does not split it (the Shanghai 05表); never beside a split.
            (I::GeneralBasic, "basic"),
            (I::GeneralPersonnel, "personnel"),
            (I::GeneralPublic, "public"),
            (I::GeneralProject, "project"),
        ],
    ),
    ("fund", &[(I::FundBasic, "basic"), (I::FundProject, "project")]),
    (
        "state_capital",
        &[
            (I::StateCapitalBasic, "basic"),
            (I::StateCapitalProject, "project"),
        ],
    ),
    (
        "other",
        &[
            (I::OtherBasic, "basic"),
            (I::OtherProject, "project"),
            (I::OtherToSuperior, "to_superior"),
            (I::OtherOperating, "operating"),
            (I::OtherToAffiliated, "to_affiliated"),
        ],
    ),
];

fn spending_fields() -> Vec<I> {
    SPENDING
        .iter()
        .flat_map(|(_, fs)| fs.iter().map(|(f, _)| *f))
        .collect()
}

fn expenditure(
    o: &mut Out,
    items: &BTreeMap<String, super::extract::Item>,
    key: &str,
    indent: usize,
    ph: &Placeholders,
) {
    let fields = spending_fields();
    let general = [I::GeneralPersonnel, I::GeneralPublic, I::GeneralProject];
    let fund = [
        I::FundBasic,
        I::FundProject,
        I::StateCapitalBasic,
        I::StateCapitalProject,
    ];
    let rows: Vec<_> = items
        .iter()
        .filter(|(_, it)| {
            has_any(it, &fields)
                || has_any(
                    it,
                    &[
                        I::BudgetInitial,
                        I::BudgetFull,
                        I::FundBudgetInitial,
                        I::FundBudgetFull,
                    ],
                )
        })
        .collect();
    if rows.is_empty() {
        return;
    }
    o.line(indent, &format!("{key}:"));
    for (i, (code, item)) in rows.into_iter().enumerate() {
        o.line(indent + 2, &format!("- code: {}", code_text(code)));
        name_line(o, indent + 4, code, item.name.as_ref());
        for (group, fs) in SPENDING {
            let present: Vec<_> = fs
                .iter()
                .filter_map(|(f, k)| nonzero(item.fields.get(f)).map(|fig| (k, fig)))
                .collect();
            if present.is_empty() {
                continue;
            }
            o.line(indent + 4, &format!("{group}:"));
            for (k, fig) in present {
                o.figure(indent + 6, k, fig);
            }
        }
        // 年初预算数 is always known in an export (0: 年初未安排预算); 全年预算数 0 means not given.
        for (group, initial, full, spent) in [
            ("budget", I::BudgetInitial, I::BudgetFull, &general[..]),
            ("fund_budget", I::FundBudgetInitial, I::FundBudgetFull, &fund[..]),
        ] {
            let ini = item.fields.get(&initial);
            let ful = nonzero(item.fields.get(&full)).filter(|f| Some(f.value) != ini.map(|i| i.value));
            let show_initial = ini.is_some_and(|f| !f.value.is_zero() || has_any(item, spent));
            if !show_initial && ful.is_none() {
                continue;
            }
            o.line(indent + 4, &format!("{group}:"));
            if show_initial && let Some(f) = ini {
                o.figure(indent + 6, "initial", f);
            }
            if let Some(f) = ful {
                o.figure(indent + 6, "full", f);
            }
        }
        if key == "expenditure" {
            for field in ["change_reason", "budget_reason"] {
                if let Some(what) = ph.get(&format!("expenditure[{i}].{field}")) {
                    o.placeholder(indent + 4, field, what);
                }
            }
        }
    }
    o.line(0, "");
}

fn balances(o: &mut Out, x: &Extracted, indent: usize) {
    let parts = |fields: [T; 3]| -> Vec<(&'static str, &Figure)> {
        ["general", "state_capital", "other"]
            .into_iter()
            .zip(fields)
            .filter_map(|(k, f)| nonzero(x.totals.get(&f)).map(|fig| (k, fig)))
            .collect()
    };
    let opening = parts([T::OpeningGeneral, T::OpeningStateCapital, T::OpeningOther]);
    let closing = parts([T::ClosingGeneral, T::ClosingStateCapital, T::ClosingOther]);
    let per_item = |fields: [I; 2]| -> Vec<_> {
        x.items
            .iter()
            .filter(|(_, it)| has_any(it, &fields))
            .map(|(code, it)| (code, it, fields))
            .collect()
    };
    let funds = per_item([I::FundOpening, I::FundClosing]);
    let state_capital = per_item([I::StateCapitalOpening, I::StateCapitalClosing]);
    let used = nonzero(x.totals.get(&T::NonFiscalSurplusUsed));
    let dist = nonzero(x.totals.get(&T::SurplusDistribution));
    if opening.is_empty()
        && closing.is_empty()
        && funds.is_empty()
        && state_capital.is_empty()
        && used.is_none()
        && dist.is_none()
    {
        return;
    }
    o.line(indent, "balances:");
    for (key, list) in [("opening", opening), ("closing", closing)] {
        if list.is_empty() {
            continue;
        }
        o.line(indent + 2, &format!("{key}:"));
        for (k, fig) in list {
            o.figure(indent + 4, k, fig);
        }
    }
    for (key, rows) in [("fund_items", funds), ("state_capital_items", state_capital)] {
        if rows.is_empty() {
            continue;
        }
        o.line(indent + 2, &format!("{key}:"));
        for (code, item, [opening, closing]) in rows {
            o.line(indent + 4, &format!("- code: {}", code_text(code)));
            name_line(o, indent + 6, code, item.name.as_ref());
            for (f, k) in [(opening, "opening"), (closing, "closing")] {
                if let Some(fig) = nonzero(item.fields.get(&f)) {
                    o.figure(indent + 6, k, fig);
                }
            }
        }
    }
    if let Some(f) = used {
        o.figure(indent + 2, "non_fiscal_surplus_used", f);
    }
    if let Some(f) = dist {
        o.figure(indent + 2, "surplus_distribution", f);
    }
    o.line(0, "");
}

fn code_names(o: &mut Out, x: &Extracted) {
    let unknown: Vec<_> = x
        .group_names
        .iter()
        .filter(|(code, _)| catalogue::name_of(Classification::Function, code).is_none())
        .collect();
    if unknown.is_empty() {
        return;
    }
    o.comment(0, "科目目录中没有的“类”“款”，名称取自导出文件：");
    o.line(0, "code_names:");
    for (code, name) in unknown {
        o.line(
            2,
            &format!(
                "- {{code: {}, name: {}}}",
                code_text(code),
                quote(&single_line(name))
            ),
        );
    }
    o.line(0, "");
}

fn economic(o: &mut Out, x: &Extracted) {
    if x.economic.is_empty() {
        return;
    }
    o.line(0, "basic_by_economic:");
    for e in &x.economic {
        o.line(
            2,
            &format!(
                "- {{code: {}, amount: {}}}   # {}",
                e.code,
                amount_text(e.figure.value),
                clean(&e.figure.cite())
            ),
        );
    }
    o.line(0, "");
}

fn budget(o: &mut Out, x: &Extracted) {
    let differs = |full: T, initial: T| {
        nonzero(x.totals.get(&full)).filter(|f| Some(f.value) != x.totals.get(&initial).map(|i| i.value))
    };
    let list: Vec<(&str, &Figure)> = [
        ("fiscal_initial", x.totals.get(&T::FiscalInitial)),
        ("fiscal_full", differs(T::FiscalFull, T::FiscalInitial)),
        ("general_initial", x.totals.get(&T::GeneralInitial)),
        ("general_full", differs(T::GeneralFull, T::GeneralInitial)),
    ]
    .into_iter()
    .filter_map(|(k, f)| f.map(|f| (k, f)))
    .collect();
    if list.is_empty() {
        return;
    }
    o.line(0, "budget:");
    for (k, f) in list {
        o.figure(2, k, f);
    }
    o.line(0, "");
}

const SANGONG_ITEMS: [(&str, T, T, T); 6] = [
    (
        "abroad",
        T::AbroadBudgetInitial,
        T::AbroadBudgetFull,
        T::AbroadActual,
    ),
    (
        "vehicle_purchase",
        T::VehiclePurchaseBudgetInitial,
        T::VehiclePurchaseBudgetFull,
        T::VehiclePurchaseActual,
    ),
    (
        "vehicle_running",
        T::VehicleRunningBudgetInitial,
        T::VehicleRunningBudgetFull,
        T::VehicleRunningActual,
    ),
    (
        "reception",
        T::ReceptionBudgetInitial,
        T::ReceptionBudgetFull,
        T::ReceptionActual,
    ),
    (
        "meeting",
        T::MeetingBudgetInitial,
        T::MeetingBudgetFull,
        T::MeetingActual,
    ),
    (
        "training",
        T::TrainingBudgetInitial,
        T::TrainingBudgetFull,
        T::TrainingActual,
    ),
];

const SANGONG_COUNTS: [(C, &str); 12] = [
    (C::AbroadGroups, "abroad_groups"),
    (C::AbroadPeople, "abroad_people"),
    (C::VehiclesBought, "vehicles_bought"),
    (C::VehiclesHeld, "vehicles_held"),
    (C::ReceptionBatches, "reception_batches"),
    (C::ReceptionPeople, "reception_people"),
    (C::ForeignBatches, "foreign_batches"),
    (C::ForeignPeople, "foreign_people"),
    (C::Meetings, "meetings"),
    (C::MeetingPeople, "meeting_people"),
    (C::Trainings, "trainings"),
    (C::TrainingPeople, "training_people"),
];

fn sangong(o: &mut Out, x: &Extracted, indent: usize, ph: &Placeholders, path: &str) {
    let mut body = Out { text: String::new() };
    for (key, ini, full, actual) in SANGONG_ITEMS {
        let initial_value = x.totals.get(&ini).map(|f| f.value);
        let figs: Vec<(&str, &Figure)> = [("budget_initial", ini), ("budget_full", full), ("actual", actual)]
            .into_iter()
            .filter_map(|(k, f)| x.totals.get(&f).map(|fig| (k, fig)))
            // 全年预算数 equal to the 年初预算数 is what the unit file assumes when it is left out.
            .filter(|(k, fig)| *k != "budget_full" || Some(fig.value) != initial_value)
            .collect();
        // The four 三公 items are always known in an export (zero is a real zero); 会议费 and
        // 培训费 are optional in the unit file and written only when there is one.
        let optional = key == "meeting" || key == "training";
        if figs.is_empty() || (optional && figs.iter().all(|(_, f)| f.value.is_zero())) {
            continue;
        }
        body.line(indent + 2, &format!("{key}:"));
        for (k, f) in figs {
            body.figure(indent + 4, k, f);
        }
    }
    if let Some(f) = nonzero(x.totals.get(&T::ForeignAmount)) {
        body.figure(indent + 2, "foreign_amount", f);
    }
    // A count the export states is known, zero included (the report prints "团组0个"); one it
    // lacks stays out of the file, unknown.
    for (c, k) in SANGONG_COUNTS {
        if let Some(n) = x.counts.get(&c) {
            body.line(indent + 2, &format!("{k}: {}   # {}", n.value, clean(&n.cite)));
        }
    }
    for field in ["change_reason", "budget_reason"] {
        if let Some(what) = ph.get(&format!("{path}.{field}")) {
            body.placeholder(indent + 2, field, what);
        }
    }
    if body.text.is_empty() {
        return;
    }
    o.line(indent, "sangong:");
    o.text.push_str(&body.text);
    if indent == 0 {
        o.line(0, "");
    }
}

fn operating(o: &mut Out, x: &Extracted, ph: &Placeholders) {
    let Some(f) = x.totals.get(&T::OperatingCosts) else {
        return;
    };
    o.line(0, "operating_costs:");
    o.figure(2, "amount", f);
    if let Some(what) = ph.get("operating_costs.change_reason") {
        o.placeholder(2, "change_reason", what);
    }
    o.line(0, "");
}

fn procurement(o: &mut Out) {
    o.comment(
        0,
        "政府采购（以合同签订为准，元）：导出文件中没有。填写 goods（货物）、works（工程）、",
    );
    o.comment(
        0,
        "services（服务）、sme（授予中小企业合同金额）、small_micro（其中授予小微企业）后删除 note；",
    );
    o.comment(
        0,
        "上海格式另填 reserved_sme、reserved_small_micro（面向中小企业、小微企业预留的项目预算金额）、",
    );
    o.comment(
        0,
        "reserved_sme_awarded、reserved_small_micro_awarded、other_sme_awarded（中标或成交金额）；",
    );
    o.comment(0, "本年没有政府采购的，删除 note，各数写 0。");
    o.line(0, "procurement:");
    o.placeholder(
        2,
        "note",
        "政府采购金额（货物、工程、服务）及授予中小企业、小微企业合同金额",
    );
    o.line(0, "");
}

const VEHICLES: [(C, &str); 9] = [
    (C::VehiclesTotal, "vehicles_total"),
    (C::VehiclesLeader, "vehicles_leader"),
    (C::VehiclesPrincipal, "vehicles_principal"),
    (C::VehiclesConfidential, "vehicles_confidential"),
    (C::VehiclesEmergency, "vehicles_emergency"),
    (C::VehiclesEnforcement, "vehicles_enforcement"),
    (C::VehiclesSpecial, "vehicles_special"),
    (C::VehiclesRetired, "vehicles_retired"),
    (C::VehiclesOther, "vehicles_other"),
];

fn assets(o: &mut Out, x: &Extracted) {
    let has_assets = VEHICLES.iter().any(|(c, _)| x.counts.contains_key(c))
        || x.counts.contains_key(&C::SpecialEquipmentOverMillion)
        || x.totals.contains_key(&T::FixedAssetsValue);
    if !has_assets {
        return;
    }
    o.line(0, "assets:");
    for (c, k) in VEHICLES {
        if let Some(n) = x.counts.get(&c) {
            o.line(2, &format!("{k}: {}   # {}", n.value, clean(&n.cite)));
        }
    }
    let general = x.counts.get(&C::GeneralEquipmentOver500k);
    let special = x.counts.get(&C::SpecialEquipmentOverMillion);
    match (general, special) {
        // No 通用设备 of 50万元 or more: the devices of 100万元 or more are exactly the 专用设备.
        (Some(g), Some(s)) if g.value == 0 => {
            o.line(
                2,
                &format!(
                    "equipment_over_million: {}   # {}（{} 为 0）",
                    s.value,
                    clean(&s.cite),
                    clean(&g.cite)
                ),
            );
        }
        (None, Some(s)) => o.line(
            2,
            &format!("equipment_over_million: {}   # {}", s.value, clean(&s.cite)),
        ),
        (Some(g), s) => {
            let s_value = s.map(|s| s.value).unwrap_or(0);
            o.comment(
                2,
                &format!(
                    "单价100万元（含）以上设备：导出文件有单价50万元以上通用设备 {} 台（{}）、单价100万元以上专用设备 {} 台，\n\
                     其中单价100万元以上的通用设备有几台导出文件看不出：请填写 equipment_over_million（{}–{} 台），然后删除 note。",
                    g.value,
                    clean(&g.cite),
                    s_value,
                    s_value,
                    s_value.saturating_add(g.value)
                ),
            );
            o.line(2, &format!("equipment_over_million: {s_value}"));
            o.placeholder(2, "note", "单价100万元（含）以上设备台数（见上面的注释）");
        }
        (None, None) => {}
    }
    if let Some(f) = nonzero(x.totals.get(&T::FixedAssetsValue)) {
        o.figure(2, "fixed_assets_value", f);
    }
    o.line(0, "");
}

fn performance(o: &mut Out) {
    o.comment(
        0,
        "预算绩效：导出文件中没有。summary 写绩效管理工作概述（每段一项）；部门整体和各项目的",
    );
    o.comment(
        0,
        "绩效自评表写在 overall、projects 下（格式见 juesuan init 的模板）。上海格式另填 management",
    );
    o.comment(
        0,
        "（制度建设，绩效目标、跟踪、自评的项目个数和金额，平均得分，评级，问题整改）。",
    );
    o.line(0, "performance:");
    o.line(2, "summary:");
    o.line(
        4,
        &format!("- {}", quote(&placeholder("预算绩效管理工作情况，每段一项"))),
    );
    o.line(0, "");
}

fn reasons(o: &mut Out, ph: &Placeholders) {
    let list: Vec<(&str, &String)> = ph
        .iter()
        .filter_map(|(path, what)| path.strip_prefix("reasons.").map(|k| (k, what)))
        .collect();
    if list.is_empty() {
        return;
    }
    o.comment(0, "变化较大、或决算与预算差异较大的数，需要写明主要原因：");
    o.line(0, "reasons:");
    for (k, what) in list {
        o.placeholder(2, k, what);
    }
    o.line(0, "");
}

fn previous_year(o: &mut Out, p: &Extracted) {
    o.comment(0, "上年数据（用于同比），取自上年的文件：");
    o.line(0, "previous:");
    let mut body = Out { text: String::new() };
    income(&mut body, &p.items, "income", 2);
    expenditure(&mut body, &p.items, "expenditure", 2, &Placeholders::new());
    balances(&mut body, p, 2);
    sangong(&mut body, p, 2, &Placeholders::new(), "previous.sangong");
    if let Some(f) = p.totals.get(&T::OperatingCosts) {
        body.figure(2, "operating_costs", f);
    }
    // Totals the tables state without a per-项 split (the Shanghai 06表's 人员经费合计/公用经费合计).
    let stated: Vec<_> = [(T::PreviousPersonnel, "personnel"), (T::PreviousPublic, "public")]
        .into_iter()
        .filter_map(|(f, k)| p.totals.get(&f).map(|fig| (k, fig)))
        .collect();
    if !stated.is_empty() {
        body.line(2, "totals:");
        for (k, fig) in stated {
            body.figure(4, k, fig);
        }
    }
    // Blank lines inside the nested block are harmless, but keep it compact.
    for l in body.text.lines().filter(|l| !l.trim().is_empty()) {
        o.line(0, l);
    }
    if body.text.trim().is_empty() {
        o.line(2, "totals: {}");
    }
}
