//! 十、机关运行经费, 十一、政府采购, 十二、国有资产 (central numbering; 十一（一）～（三） under
//! Shanghai): the other disclosures.

use crate::derive::compare::{Change, ratio};
use crate::derive::figures::Scale;
use crate::derive::prior::PriorFigures;
use crate::input::{Procurement, UnitFile};
use crate::money::Amount;
use rust_decimal::Decimal;
use serde::Serialize;

/// 十、机关运行经费.
#[derive(Debug, Clone, Serialize)]
pub struct OperatingText {
    /// Amount.
    pub amount: Decimal,
    /// Against last year.
    pub change: Change,
    /// 主要用途.
    pub content: Option<String>,
}

/// 十一、政府采购 (central) / 十一（二） (Shanghai).
#[derive(Debug, Clone, Serialize)]
pub struct ProcurementText {
    /// 政府采购金额: 货物 + 工程 + 服务, the one value the report prints.
    pub total: Decimal,
    /// 货物.
    pub goods: Decimal,
    /// 工程.
    pub works: Decimal,
    /// 服务.
    pub services: Decimal,
    /// 授予中小企业合同金额: as given, else 预留项目 + 其他项目 awards to 中小企业 when both are
    /// given; None when unknown (the clause is left out).
    pub sme: Option<Decimal>,
    /// 其中授予小微企业, when given.
    pub small_micro: Option<Decimal>,
    /// 中小企业 share of the total.
    pub sme_share: Option<Decimal>,
    /// 小微企业 share of the 中小企业 amount.
    pub small_micro_share: Option<Decimal>,
    /// 面向中小企业预留政府采购项目预算金额.
    pub reserved_sme: Option<Decimal>,
    /// 其中面向小微企业预留.
    pub reserved_small_micro: Option<Decimal>,
    /// The awards given (预留项目 to 中小企业, 小微企业预留项目 to 小微企业, 其他项目 to 中小企业), in
    /// the template's order; an award not given is left out.
    pub awards: Vec<Award>,
    /// Note.
    pub note: Option<String>,
}

/// Which awards an [`Award`] counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AwardKind {
    /// 面向中小企业预留的项目中，由中小企业供应商中标或成交的.
    ReservedSme,
    /// 面向小微企业预留的项目中，由小微企业供应商中标或成交的.
    ReservedSmallMicro,
    /// 其他政府采购项目中，由中小企业供应商中标或成交的.
    OtherSme,
}

/// The amount of one kind of award (万元).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Award {
    /// Which awards.
    pub kind: AwardKind,
    /// 采购金额.
    pub amount: Decimal,
}

/// 十二、国有资产 (central) / 十一（三） (Shanghai).
#[derive(Debug, Clone, Serialize)]
pub struct AssetsText {
    /// The 8 vehicle categories in official order, each with its count.
    pub vehicles: Vec<VehicleLine>,
    /// 车辆总数.
    pub vehicles_total: u32,
    /// 单价100万元以上设备.
    pub equipment: u32,
    /// 固定资产原值 (万元).
    pub fixed_assets_value: Option<Decimal>,
    /// 房屋面积.
    pub building_area: Option<String>,
    /// Note.
    pub note: Option<String>,
}

/// One vehicle category with the unit's count: its name in each jurisdiction's template (a
/// profile's section picks its own), from [`crate::phrases::VEHICLE_CATEGORIES`].
#[derive(Debug, Clone, Serialize)]
pub struct VehicleLine {
    /// The name in the central template (and the 公开10表).
    pub central: &'static str,
    /// The name in the Shanghai 2024 template.
    pub shanghai: &'static str,
    /// Vehicles of this category.
    pub count: u32,
}

/// 机关运行经费, when the unit gave it.
pub(super) fn operating(unit: &UnitFile, p: &PriorFigures, dp: u32) -> Option<OperatingText> {
    let scale = Scale::of(unit);
    let ch =
        |cur: Decimal, prev: Option<Decimal>, reason: Option<&String>| Change::new(cur, prev, dp, reason);
    unit.operating_costs.as_ref().map(|o| OperatingText {
        amount: scale.wan(o.amount),
        change: ch(scale.wan(o.amount), p.operating_costs, o.change_reason.as_ref()),
        content: o.content.clone(),
    })
}

/// 政府采购, when the unit gave it.
pub(super) fn procurement(unit: &UnitFile, dp: u32) -> Option<ProcurementText> {
    let scale = Scale::of(unit);
    let w = |a: Option<Amount>| a.map(|a| scale.wan(a));
    unit.procurement.as_ref().map(|pr| {
        let (g, wk, s) = (scale.wan(pr.goods), scale.wan(pr.works), scale.wan(pr.services));
        let total = g + wk + s;
        let sme = sme_awarded(pr).map(|a| scale.wan(a));
        let small_micro = w(pr.small_micro);
        ProcurementText {
            total,
            goods: g,
            works: wk,
            services: s,
            sme,
            small_micro,
            sme_share: sme.and_then(|v| ratio(v, total, dp)),
            small_micro_share: small_micro.zip(sme).and_then(|(v, of)| ratio(v, of, dp)),
            reserved_sme: w(pr.reserved_sme),
            reserved_small_micro: w(pr.reserved_small_micro),
            awards: [
                (AwardKind::ReservedSme, pr.reserved_sme_awarded),
                (AwardKind::ReservedSmallMicro, pr.reserved_small_micro_awarded),
                (AwardKind::OtherSme, pr.other_sme_awarded),
            ]
            .into_iter()
            .filter_map(|(kind, a)| w(a).map(|amount| Award { kind, amount }))
            .collect(),
            note: pr.note.clone(),
        }
    })
}

/// 授予中小企业合同金额 (in the unit's input unit): `sme` as given, else the awards to 中小企业 in
/// reserved and in other projects when both are given, else unknown.
fn sme_awarded(pr: &Procurement) -> Option<Amount> {
    pr.sme.or_else(|| {
        pr.reserved_sme_awarded
            .zip(pr.other_sme_awarded)
            .map(|(r, o)| Amount(r.0 + o.0))
    })
}

/// 国有资产占用, when the unit gave it.
pub(super) fn assets(unit: &UnitFile) -> Option<AssetsText> {
    let scale = Scale::of(unit);
    unit.assets.as_ref().map(|a| AssetsText {
        vehicles: crate::phrases::VEHICLE_CATEGORIES
            .iter()
            .zip(crate::phrases::vehicle_counts(a))
            .map(|(c, count)| VehicleLine {
                central: c.central,
                shanghai: c.shanghai,
                count,
            })
            .collect(),
        vehicles_total: a.vehicles_total,
        equipment: a.equipment_over_million,
        fixed_assets_value: a.fixed_assets_value.map(|v| scale.wan(v)),
        building_area: a.building_area.clone(),
        note: a.note.clone(),
    })
}
