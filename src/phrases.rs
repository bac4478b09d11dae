//! The names the report prints that come from no template: the three 财政拨款 funds and the
//! vehicle categories of the asset table. Each is defined here once, so a table and a sentence
//! can never name the same thing two ways. (Table titles, notes and empty-table statements live in
//! the table layouts, per profile; the change and budget wording in
//! [`crate::templates::filters`]; the standard glossary in [`crate::derive`]'s glossary.)

use crate::input::Assets;

/// The three kinds of 财政拨款, in the official order (一般公共预算, 政府性基金预算,
/// 国有资本经营预算).
pub const FISCAL_FUNDS: [&str; 3] = [
    "一般公共预算财政拨款",
    "政府性基金预算财政拨款",
    "国有资本经营预算财政拨款",
];

/// The vehicle categories of the asset table and of 国有资产占用情况, in official order.
pub const VEHICLE_CATEGORIES: [&str; 8] = [
    "副部（省）级及以上领导用车",
    "主要负责人用车",
    "机要通信用车",
    "应急保障用车",
    "执法执勤用车",
    "特种专业技术用车",
    "离退休干部服务用车",
    "其他用车",
];

/// The unit's vehicle count per category, in [`VEHICLE_CATEGORIES`] order.
pub fn vehicles(a: &Assets) -> [(&'static str, u32); 8] {
    let counts = [
        a.vehicles_leader,
        a.vehicles_principal,
        a.vehicles_confidential,
        a.vehicles_emergency,
        a.vehicles_enforcement,
        a.vehicles_special,
        a.vehicles_retired,
        a.vehicles_other,
    ];
    let mut out = [("", 0u32); 8];
    for (i, (name, n)) in VEHICLE_CATEGORIES.iter().zip(counts).enumerate() {
        out[i] = (name, n);
    }
    out
}
