//! Given but not printed (`profile.unprinted`): content the unit wrote that its report, under the
//! profile it is rendered with, leaves out (the Shanghai 2024 template has no 人员情况, and its
//! “三公” table and 七 no 会议费/培训费). Each is decided from the built document where the
//! document can say it (a heading, a paragraph, a table column), so a template that changes
//! what it prints changes the finding with it.

use super::{Auditor, Severity};
use crate::profile::Sentence;

pub(super) fn unprinted(a: &mut Auditor) {
    let r = a.report;
    if !r.built {
        return;
    }
    let u = &a.loaded.unit;
    let mut found: Vec<(String, String)> = Vec::new();
    // 人员情况: the section's heading is in the document only when the profile has the section.
    let staff_section = r.has_heading("人员情况");
    if u.unit.staff.is_some() && !staff_section {
        found.push((
            "unit.staff".into(),
            "人员情况（unit.staff）：模板没有人员情况一节".into(),
        ));
    }
    // Its notes are printed at the end of that section, so they go with it.
    for (i, note) in u.unit.notes.staff.iter().enumerate() {
        if !note.trim().is_empty() && !staff_section {
            found.push((
                format!("unit.notes.staff[{i}]"),
                "人员情况的补充说明（unit.notes.staff）：模板没有人员情况一节".into(),
            ));
        }
    }
    // 会议费、培训费: printed in the “三公” table when it has their columns, or in a paragraph of
    // their own where the prose has one.
    let sg = &u.sangong;
    let table = a.tables.name("t09");
    for (key, name, given, counts) in [
        (
            "meeting",
            "会议费",
            sg.meeting.is_some(),
            [("meetings", sg.meetings), ("meeting_people", sg.meeting_people)],
        ),
        (
            "training",
            "培训费",
            sg.training.is_some(),
            [
                ("trainings", sg.trainings),
                ("training_people", sg.training_people),
            ],
        ),
    ] {
        let printed = r.tables.prints("t09", &format!("actual.{key}")) || r.prints(Sentence::OtherCostBudget);
        if printed {
            continue;
        }
        let why = format!("{table}没有{name}一栏，情况说明也不写{name}");
        if given {
            found.push((
                format!("sangong.{key}"),
                format!("{name}（sangong.{key}）：{why}"),
            ));
        }
        for (field, n) in counts {
            if n.is_some() {
                found.push((
                    format!("sangong.{field}"),
                    format!("{name}的次数、人次（sangong.{field}）：{why}"),
                ));
            }
        }
    }
    // 固定资产原值、房屋面积: written in the 国有资产 section's sentence.
    if let Some(assets) = &u.assets {
        let given = [
            (
                "fixed_assets_value",
                "固定资产原值",
                assets.fixed_assets_value.is_some(),
            ),
            ("building_area", "房屋面积", assets.building_area.is_some()),
        ];
        for (field, label, given) in given {
            if given && !r.mentions(label) {
                found.push((
                    format!("assets.{field}"),
                    format!("{label}（assets.{field}）：报告的国有资产占有使用情况一节没有写出{label}"),
                ));
            }
        }
    }
    for (path, what) in found {
        a.push(
            Severity::Warning,
            "profile.unprinted",
            &path,
            format!(
                "{what}，按{}不会出现在报告中：按这个方案公开时不必填写，请删去（或核对模板方案是否选对）",
                r.label()
            ),
        );
    }
}
