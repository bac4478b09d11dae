//! The audit asks only for what the chosen profile prints: a missing reason is asked for only
//! where a printed sentence uses it, a reason given that the report will not print is said
//! (`reason.unused`), and content given that the profile's report leaves out is said
//! (`profile.unprinted`). Each case under both profiles; then the typed description of which
//! sentence prints which reason is checked against the rendered text of every example.

use crate::common::{HEAD, juesuan, outcome, root, run};
use juesuan::audit::{self, Finding};
use juesuan::derive;
use juesuan::load::{self, Loaded};
use juesuan::render::{Format, Renderer};

/// The unit `body` (after the common header) under `profile` (its `settings.profile`), with
/// `settings` added to its settings.
fn under(profile: &str, settings: &str, body: &str) -> Vec<Finding> {
    let yaml = format!("{HEAD}settings:\n  profile: {profile}\n{settings}{body}");
    run(&yaml).1
}

/// The findings of `rule` at `path`.
fn at<'a>(f: &'a [Finding], rule: &str, path: &str) -> Vec<&'a Finding> {
    f.iter().filter(|x| x.rule == rule && x.path == path).collect()
}

/// Assets, which the Shanghai profile requires (its 十一（三）).
const ASSETS: &str = "assets: {}\n";

/// Spending against a budget that differs by a third, with no reasons given.
const BUDGETED: &str = "income:\n  - {code: \"2010101\", general: 100}\nexpenditure:\n  - {code: \"2010101\", general: {basic: 100}}\nbudget:\n  general_initial: 150\n  classes:\n    - {code: \"201\", initial: 150}\n";

#[test]
fn the_deviation_paragraph_asks_for_its_reason_only_where_it_is_printed() {
    let body = format!("{BUDGETED}{ASSETS}");
    let central = under("central", "", &body);
    assert_eq!(
        at(&central, "reason.budget", "reasons.fiscal_budget").len(),
        1,
        "{central:#?}"
    );
    let shanghai = under("shanghai", "", &body);
    assert!(
        at(&shanghai, "reason.budget", "reasons.fiscal_budget").is_empty(),
        "{shanghai:#?}"
    );
    // The 五（三） comparison is in both templates.
    assert_eq!(
        at(&shanghai, "reason.budget", "reasons.general_budget").len(),
        1,
        "{shanghai:#?}"
    );
    // Turned on for the unit, the Shanghai report prints it and asks for it.
    let on = under("shanghai", "  additions: {deviation_rate: true}\n", &body);
    assert_eq!(
        at(&on, "reason.budget", "reasons.fiscal_budget").len(),
        1,
        "{on:#?}"
    );
    // Given under Shanghai, it is said not to be printed, with the setting that prints it.
    let given = format!("{body}reasons:\n  fiscal_budget: 预算调减\n");
    let f = under("shanghai", "", &given);
    let unused = at(&f, "reason.unused", "reasons.fiscal_budget");
    assert_eq!(unused.len(), 1, "{f:#?}");
    assert!(
        unused[0].message.contains("deviation_rate: true"),
        "{}",
        unused[0].message
    );
    assert!(unused[0].message.contains("上海2024"), "{}", unused[0].message);
    assert!(
        at(
            &under("central", "", &given),
            "reason.unused",
            "reasons.fiscal_budget"
        )
        .is_empty()
    );
}

#[test]
fn a_class_budget_reason_follows_category_completion() {
    let body = format!("{BUDGETED}{ASSETS}");
    let central = under("central", "", &body);
    assert_eq!(
        at(&central, "reason.budget", "budget.classes[0].budget_reason").len(),
        1,
        "{central:#?}"
    );
    let shanghai = under("shanghai", "", &body);
    assert!(
        at(&shanghai, "reason.budget", "budget.classes[0].budget_reason").is_empty(),
        "{shanghai:#?}"
    );
    let given = body.replace("initial: 150}", "initial: 150, budget_reason: 项目推迟}");
    let f = under("shanghai", "", &given);
    let unused = at(&f, "reason.unused", "budget.classes[0].budget_reason");
    assert_eq!(unused.len(), 1, "{f:#?}");
    assert!(
        unused[0].message.contains("category_completion"),
        "{}",
        unused[0].message
    );
    let on = under("shanghai", "  additions: {category_completion: true}\n", &given);
    assert!(
        at(&on, "reason.unused", "budget.classes[0].budget_reason").is_empty(),
        "{on:#?}"
    );
    assert!(
        at(
            &under("central", "", &given),
            "reason.unused",
            "budget.classes[0].budget_reason"
        )
        .is_empty()
    );
}

/// 三公 spent against a budget, and last year's figures, with reasons for a part.
const SANGONG: &str = "sangong:\n  reception: {budget_initial: 10, actual: 4, budget_reason: 厉行节约, change_reason: 接待减少}\n  budget_reason: 厉行节约\n  change_reason: 接待减少\nprevious:\n  totals: {sangong: 8}\n";

#[test]
fn the_shanghai_sangong_section_prints_only_the_totals_reasons() {
    let body = format!("{SANGONG}{ASSETS}");
    let central = under("central", "", &body);
    for path in ["sangong.reception.budget_reason", "sangong.budget_reason"] {
        assert!(
            at(&central, "reason.unused", path).is_empty(),
            "{path}: {central:#?}"
        );
    }
    let shanghai = under("shanghai", "", &body);
    let unused = at(&shanghai, "reason.unused", "sangong.reception.budget_reason");
    assert_eq!(unused.len(), 1, "{shanghai:#?}");
    assert!(
        unused[0].message.contains("只写合计的原因"),
        "{}",
        unused[0].message
    );
    assert!(
        at(&shanghai, "reason.unused", "sangong.budget_reason").is_empty(),
        "{shanghai:#?}"
    );
    assert!(
        at(&shanghai, "reason.unused", "sangong.change_reason").is_empty(),
        "{shanghai:#?}"
    );
    // Without the part's reasons, Shanghai asks for none; central asks for the part's.
    let bare = body.replace(", budget_reason: 厉行节约, change_reason: 接待减少}", "}");
    let central = under("central", "", &bare);
    assert_eq!(
        at(&central, "reason.budget", "sangong.reception.budget_reason").len(),
        1,
        "{central:#?}"
    );
    let shanghai = under("shanghai", "", &bare);
    assert!(
        at(&shanghai, "reason.budget", "sangong.reception.budget_reason").is_empty(),
        "{shanghai:#?}"
    );
}

#[test]
fn year_over_year_clauses_ask_for_reasons_only_when_printed() {
    let body = format!(
        "income:\n  - {{code: \"2010101\", general: 100}}\nexpenditure:\n  - {{code: \"2010101\", general: {{basic: 100}}}}\nprevious:\n  totals: {{income: 50, expenditure: 50, general_basic: 50}}\n{ASSETS}"
    );
    let paths = [
        "reasons.income_change",
        "reasons.expenditure_change",
        "reasons.general_basic_change",
    ];
    let central = under("central", "", &body);
    let shanghai = under("shanghai", "", &body);
    let on = under("shanghai", "  additions: {yoy_clauses: true}\n", &body);
    for path in paths {
        assert_eq!(
            at(&central, "reason.change", path).len(),
            1,
            "{path}: {central:#?}"
        );
        assert!(
            at(&shanghai, "reason.change", path).is_empty(),
            "{path}: {shanghai:#?}"
        );
        assert_eq!(at(&on, "reason.change", path).len(), 1, "{path}: {on:#?}");
    }
    let given = format!("{body}reasons:\n  income_change: 拨款增加\n");
    let f = under("shanghai", "", &given);
    let unused = at(&f, "reason.unused", "reasons.income_change");
    assert_eq!(unused.len(), 1, "{f:#?}");
    assert!(
        unused[0].message.contains("yoy_clauses: true"),
        "{}",
        unused[0].message
    );
    assert!(
        at(
            &under("central", "", &given),
            "reason.unused",
            "reasons.income_change"
        )
        .is_empty()
    );
}

#[test]
fn staff_and_meeting_costs_given_but_not_printed_are_said() {
    let body = format!("unit_extra: x\nsangong:\n  meeting: {{actual: 2}}\n  meetings: 3\n{ASSETS}")
        .replace("unit_extra: x\n", "");
    let staff = "  staff: {actual: 12, active: 10}\n  notes: {staff: [人员按编制配备。]}\n";
    let yaml = |profile: &str| {
        let head = format!("{HEAD}{staff}");
        format!("{head}settings:\n  profile: {profile}\n{body}")
    };
    let central = run(&yaml("central")).1;
    assert!(
        at(&central, "profile.unprinted", "unit.staff").is_empty(),
        "{central:#?}"
    );
    assert!(
        central.iter().all(|f| f.rule != "profile.unprinted"),
        "{central:#?}"
    );
    let shanghai = run(&yaml("shanghai")).1;
    for path in [
        "unit.staff",
        "unit.notes.staff[0]",
        "sangong.meeting",
        "sangong.meetings",
    ] {
        let f = at(&shanghai, "profile.unprinted", path);
        assert_eq!(f.len(), 1, "{path}: {shanghai:#?}");
        assert!(f[0].message.contains("shanghai"), "{}", f[0].message);
        assert!(f[0].line.is_some(), "{path} has its line");
    }
    let staff_finding = at(&shanghai, "profile.unprinted", "unit.staff")[0];
    assert!(
        staff_finding.message.contains("没有人员情况一节"),
        "{}",
        staff_finding.message
    );
    let meeting = at(&shanghai, "profile.unprinted", "sangong.meeting")[0];
    assert!(meeting.message.contains("公开07表"), "{}", meeting.message);
    // The asset figures are printed in 十一（三） under Shanghai too.
    let assets = yaml("shanghai").replace(
        ASSETS,
        "assets: {fixed_assets_value: 100, building_area: \"500\"}\n",
    );
    let f = run(&assets).1;
    assert!(f.iter().all(|x| !x.path.starts_with("assets.")), "{f:#?}");
}

#[test]
fn context_shows_the_resolved_additions() {
    let out = |args: &[&str]| {
        let (code, out, err) = outcome(juesuan().args(args));
        assert_eq!(code, 0, "{err}");
        let j: serde_json::Value = serde_json::from_str(&out).unwrap();
        j["additions"].clone()
    };
    let putuo = "examples/putuo-caizhengju-2024.yaml";
    let off = serde_json::json!({"category_completion": false, "deviation_rate": false, "yoy_clauses": false, "charts": false});
    let on = serde_json::json!({"category_completion": true, "deviation_rate": true, "yoy_clauses": true, "charts": true});
    assert_eq!(out(&["context", putuo]), off);
    assert_eq!(out(&["context", "--profile", "central", putuo]), on);
    assert_eq!(out(&["context", "examples/wuerhe-2023.yaml"]), on);
    let d = crate::common::tempdir("context-additions");
    let unit = d.join("u.yaml");
    std::fs::write(
        &unit,
        format!("{HEAD}settings:\n  profile: shanghai\n  additions: {{yoy_clauses: true}}\n{ASSETS}"),
    )
    .unwrap();
    let got = out(&["context", unit.to_str().unwrap()]);
    assert_eq!(got["yoy_clauses"], true, "{got}");
    assert_eq!(got["charts"], false, "{got}");
}

/// Every reason field of the unit, set to a marker of its own: (YAML path, marker).
fn mark_every_reason(loaded: &mut Loaded) -> Vec<(String, String)> {
    let mut marks = Vec::new();
    let mut mark = |path: String, field: &mut Option<String>| {
        let m = format!("原因标记{}号", marks.len() + 1);
        *field = Some(m.clone());
        marks.push((path, m));
    };
    let u = &mut loaded.unit;
    let r = &mut u.reasons;
    for (key, field) in [
        ("total_change", &mut r.total_change),
        ("opening_change", &mut r.opening_change),
        ("income_change", &mut r.income_change),
        ("expenditure_change", &mut r.expenditure_change),
        ("basic_change", &mut r.basic_change),
        ("project_change", &mut r.project_change),
        ("fiscal_change", &mut r.fiscal_change),
        ("fiscal_budget", &mut r.fiscal_budget),
        ("general_change", &mut r.general_change),
        ("general_budget", &mut r.general_budget),
        ("general_basic_change", &mut r.general_basic_change),
        ("fund_change", &mut r.fund_change),
    ] {
        mark(format!("reasons.{key}"), field);
    }
    for (i, row) in u.expenditure.iter_mut().enumerate() {
        mark(format!("expenditure[{i}].change_reason"), &mut row.change_reason);
        mark(format!("expenditure[{i}].budget_reason"), &mut row.budget_reason);
    }
    for (i, c) in u.budget.classes.iter_mut().enumerate() {
        mark(format!("budget.classes[{i}].budget_reason"), &mut c.budget_reason);
    }
    let sg = &mut u.sangong;
    mark("sangong.change_reason".into(), &mut sg.change_reason);
    mark("sangong.budget_reason".into(), &mut sg.budget_reason);
    for (key, item) in [
        ("abroad", Some(&mut sg.abroad)),
        ("vehicle_purchase", Some(&mut sg.vehicle_purchase)),
        ("vehicle_running", Some(&mut sg.vehicle_running)),
        ("reception", Some(&mut sg.reception)),
        ("meeting", sg.meeting.as_mut()),
        ("training", sg.training.as_mut()),
    ] {
        if let Some(item) = item {
            mark(format!("sangong.{key}.change_reason"), &mut item.change_reason);
            mark(format!("sangong.{key}.budget_reason"), &mut item.budget_reason);
        }
    }
    if let Some(op) = u.operating_costs.as_mut() {
        mark("operating_costs.change_reason".into(), &mut op.change_reason);
    }
    marks
}

#[test]
fn a_reason_is_reported_unused_exactly_when_the_report_leaves_it_out() {
    let renderer = Renderer::builtin();
    let mut checked = 0;
    let mut wrong = Vec::new();
    let mut dir: Vec<_> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    dir.sort();
    for path in dir {
        for profile in ["central", "shanghai"] {
            for additions in [None, Some(true), Some(false)] {
                let mut loaded = load::load(&path).unwrap();
                loaded.unit.settings.profile = Some(profile.to_string());
                let a = &mut loaded.unit.settings.additions;
                a.category_completion = additions;
                a.deviation_rate = additions;
                a.yoy_clauses = additions;
                let marks = mark_every_reason(&mut loaded);
                let mut ctx = derive::derive(&loaded);
                ctx.meta.profile = profile.to_string();
                let findings = audit::audit(&loaded, &ctx);
                let text = renderer.render(&ctx, profile, Format::Markdown).unwrap();
                for (p, m) in &marks {
                    let unused = !at(&findings, "reason.unused", p).is_empty();
                    let printed = text.contains(m.as_str());
                    if unused == printed {
                        wrong.push(format!(
                            "{} under {profile} (additions {additions:?}): {p} is {} but {}",
                            path.file_name().unwrap().to_string_lossy(),
                            if printed { "printed" } else { "not printed" },
                            if unused {
                                "reported unused"
                            } else {
                                "not reported unused"
                            }
                        ));
                    }
                    checked += 1;
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(checked > 500, "only {checked} reasons checked");
}

#[test]
fn a_section_that_says_nothing_was_spent_asks_for_no_reason() {
    // Nothing this year, a great deal last year: 二/三/六 say only “无…”, so no reason is printed.
    let body = format!("previous:\n  totals: {{income: 50, expenditure: 50, general_basic: 50}}\n{ASSETS}");
    for profile in ["central", "shanghai"] {
        let f = under(profile, "  additions: {yoy_clauses: true}\n", &body);
        for path in [
            "reasons.income_change",
            "reasons.expenditure_change",
            "reasons.general_basic_change",
        ] {
            assert!(
                at(&f, "reason.change", path).is_empty(),
                "{profile} {path}: {f:#?}"
            );
        }
        let given = format!("{body}reasons:\n  income_change: 撤并\n");
        let f = under(profile, "  additions: {yoy_clauses: true}\n", &given);
        let unused = at(&f, "reason.unused", "reasons.income_change");
        assert_eq!(unused.len(), 1, "{profile}: {f:#?}");
        assert!(
            unused[0].message.contains("本年没有收入"),
            "{}",
            unused[0].message
        );
    }
}

#[test]
fn without_operating_costs_this_year_only_central_prints_the_reason() {
    let body = format!(
        "operating_costs: {{amount: 0, change_reason: 机构撤并}}\nprevious:\n  operating_costs: 20\n{ASSETS}"
    );
    let central = under("central", "", &body);
    assert!(
        at(&central, "reason.unused", "operating_costs.change_reason").is_empty(),
        "{central:#?}"
    );
    let shanghai = under("shanghai", "", &body);
    assert_eq!(
        at(&shanghai, "reason.unused", "operating_costs.change_reason").len(),
        1,
        "{shanghai:#?}"
    );
    // Both print the reason of a change in an amount spent.
    let spent = body.replace("amount: 0", "amount: 5");
    for profile in ["central", "shanghai"] {
        let f = under(profile, "", &spent);
        assert!(
            at(&f, "reason.unused", "operating_costs.change_reason").is_empty(),
            "{profile}: {f:#?}"
        );
    }
}

/// A profile is audited by the prose family it declares (`profiles/<name>/profile.toml`), not by
/// its name: a copy of the Shanghai profile under another name that declares `prose = "shanghai"`
/// requires the Shanghai input (`assets`), one that declares nothing is audited as central, and a
/// bad declaration names its file and line.
#[test]
fn a_copied_profile_is_audited_by_the_prose_it_declares() {
    let dir = crate::common::tempdir("declared-prose");
    let shanghai = juesuan::templates::BUILTIN
        .iter()
        .find(|(name, _)| *name == "profiles/shanghai.md")
        .unwrap()
        .1;
    std::fs::create_dir_all(dir.join("profiles/jingan")).unwrap();
    std::fs::write(dir.join("profiles/jingan.md"), shanghai).unwrap();
    let unit = dir.join("unit.yaml");
    std::fs::write(&unit, format!("{HEAD}{BUDGETED}")).unwrap();
    let check = || {
        outcome(
            juesuan()
                .args(["check", "--profile", "jingan", "--templates"])
                .arg(&dir)
                .arg(&unit),
        )
    };
    let (_, out, err) = check();
    assert!(!format!("{out}{err}").contains("profile.assets"), "{out}{err}");

    std::fs::write(dir.join("profiles/jingan/profile.toml"), "prose = \"shanghai\"\n").unwrap();
    let (code, out, err) = check();
    assert_eq!(code, 1, "{out}{err}");
    assert!(format!("{out}{err}").contains("profile.assets"), "{out}{err}");

    std::fs::write(dir.join("profiles/jingan/profile.toml"), "prose = \"beijing\"\n").unwrap();
    let (code, out, err) = check();
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("profiles/jingan/profile.toml") && err.contains("第 1 行"),
        "{err}"
    );
}
