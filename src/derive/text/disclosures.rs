//! 十、机关运行经费, 十一、政府采购, 十二、国有资产: the other disclosures.

use crate::derive::compare::{Change, ratio};
use crate::derive::figures::Scale;
use crate::derive::prior::PriorFigures;
use crate::input::UnitFile;
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

/// 十一、政府采购.
#[derive(Debug, Clone, Serialize)]
pub struct ProcurementText {
    /// 货物+工程+服务.
    pub total: Decimal,
    /// 货物.
    pub goods: Decimal,
    /// 工程.
    pub works: Decimal,
    /// 服务.
    pub services: Decimal,
    /// 授予中小企业合同金额.
    pub sme: Decimal,
    /// 其中授予小微企业.
    pub small_micro: Decimal,
    /// 中小企业 share of the total.
    pub sme_share: Option<Decimal>,
    /// 小微企业 share of the 中小企业 amount.
    pub small_micro_share: Option<Decimal>,
    /// Note.
    pub note: Option<String>,
}

/// 十二、国有资产.
#[derive(Debug, Clone, Serialize)]
pub struct AssetsText {
    /// (kind name, count) of the 8 vehicle kinds.
    pub vehicles: Vec<(&'static str, u32)>,
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
    unit.procurement.as_ref().map(|pr| {
        let (g, wk, s) = (scale.wan(pr.goods), scale.wan(pr.works), scale.wan(pr.services));
        let total = g + wk + s;
        ProcurementText {
            total,
            goods: g,
            works: wk,
            services: s,
            sme: scale.wan(pr.sme),
            small_micro: scale.wan(pr.small_micro),
            sme_share: ratio(scale.wan(pr.sme), total, dp),
            small_micro_share: ratio(scale.wan(pr.small_micro), scale.wan(pr.sme), dp),
            note: pr.note.clone(),
        }
    })
}

/// 国有资产占用, when the unit gave it.
pub(super) fn assets(unit: &UnitFile) -> Option<AssetsText> {
    let scale = Scale::of(unit);
    unit.assets.as_ref().map(|a| AssetsText {
        vehicles: crate::phrases::vehicles(a).to_vec(),
        vehicles_total: a.vehicles_total,
        equipment: a.equipment_over_million,
        fixed_assets_value: a.fixed_assets_value.map(|v| scale.wan(v)),
        building_area: a.building_area.clone(),
        note: a.note.clone(),
    })
}
