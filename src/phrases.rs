//! The names the report prints that come from no template: the three 财政拨款 funds and the
//! vehicle categories of the asset figures (per jurisdiction). Each is defined here once, so a table and a sentence
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

/// A vehicle category of the asset figures, named as each jurisdiction's template names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VehicleCategory {
    /// The central template's name (公开10表 and 国有资产占用情况).
    pub central: &'static str,
    /// The Shanghai 2024 template's name (十一（三）国有资产占有使用情况说明).
    pub shanghai: &'static str,
}

/// The vehicle categories, in official order (the same eight in every jurisdiction; only the
/// names differ).
pub const VEHICLE_CATEGORIES: [VehicleCategory; 8] = [
    VehicleCategory {
        central: "副部（省）级及以上领导用车",
        shanghai: "部级领导干部用车",
    },
    VehicleCategory {
        central: "主要负责人用车",
        shanghai: "主要领导干部用车",
    },
    VehicleCategory {
        central: "机要通信用车",
        shanghai: "机要通信用车",
    },
    VehicleCategory {
        central: "应急保障用车",
        shanghai: "应急保障用车",
    },
    VehicleCategory {
        central: "执法执勤用车",
        shanghai: "执法执勤用车",
    },
    VehicleCategory {
        central: "特种专业技术用车",
        shanghai: "特种专业技术用车",
    },
    VehicleCategory {
        central: "离退休干部服务用车",
        shanghai: "离退休干部用车",
    },
    VehicleCategory {
        central: "其他用车",
        shanghai: "其他用车",
    },
];

/// The unit's vehicle count per category, in [`VEHICLE_CATEGORIES`] order.
pub fn vehicle_counts(a: &Assets) -> [u32; 8] {
    [
        a.vehicles_leader,
        a.vehicles_principal,
        a.vehicles_confidential,
        a.vehicles_emergency,
        a.vehicles_enforcement,
        a.vehicles_special,
        a.vehicles_retired,
        a.vehicles_other,
    ]
}

/// The unit's vehicle count per category with the central names, in [`VEHICLE_CATEGORIES`]
/// order (the 公开10表 rows).
pub fn vehicles(a: &Assets) -> [(&'static str, u32); 8] {
    let mut out = [("", 0u32); 8];
    for (o, (c, n)) in out
        .iter_mut()
        .zip(VEHICLE_CATEGORIES.iter().zip(vehicle_counts(a)))
    {
        *o = (c.central, n);
    }
    out
}
