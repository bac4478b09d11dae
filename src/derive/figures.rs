//! The figures of one year gathered per 功能分类 项 and summed to the totals every table and
//! section starts from. Rows with the same code are added together (the audit reports the
//! duplicate); rows whose code is not a 7-digit 项 are left out (the audit reports them too).

use crate::input::{Balances, EconomicRow, ExpenditureRow, IncomeRow, InputUnit, UnitFile};
use crate::money::Amount;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Converts an input amount to exact 万元.
#[derive(Debug, Clone, Copy)]
pub struct Scale(pub InputUnit);

impl Scale {
    /// The scale a unit's amounts are written in.
    pub fn of(unit: &UnitFile) -> Scale {
        Scale(unit.settings.input_unit)
    }

    /// The amount in 万元, exactly.
    pub fn wan(self, a: Amount) -> Decimal {
        match self.0 {
            InputUnit::TenThousand => a.0,
            InputUnit::Yuan => a.0 / Decimal::from(10_000),
        }
    }
}

/// Income sources in table order: 一般公共预算, 政府性基金, 国有资本经营 财政拨款, 上级补助, 事业, 经营,
/// 附属单位上缴, 其他.
pub const INCOME_SOURCES: [(&str, &str); 8] = [
    ("general", "一般公共预算财政拨款收入"),
    ("fund", "政府性基金预算财政拨款收入"),
    ("state_capital", "国有资本经营预算财政拨款收入"),
    ("superior", "上级补助收入"),
    ("business", "事业收入"),
    ("operating", "经营收入"),
    ("affiliated", "附属单位上缴收入"),
    ("other", "其他收入"),
];

/// Expenditure kinds of table 03: 基本, 项目, 上缴上级, 经营, 对附属单位补助.
pub const EXPENDITURE_KINDS: [(&str, &str); 5] = [
    ("basic", "基本支出"),
    ("project", "项目支出"),
    ("to_superior", "上缴上级支出"),
    ("operating", "经营支出"),
    ("to_affiliated", "对附属单位补助支出"),
];

/// Adds `parts` into `acc` element by element.
fn add_into(acc: &mut [Decimal], parts: &[Decimal]) {
    for (a, p) in acc.iter_mut().zip(parts) {
        *a += *p;
    }
}

/// One 项's figures (万元).
#[derive(Debug, Clone, Default)]
pub struct ItemFigures {
    /// Income by source, in `INCOME_SOURCES` order.
    pub income: [Decimal; 8],
    /// Expenditure by kind, in `EXPENDITURE_KINDS` order (all money sources together).
    pub spending: [Decimal; 5],
    /// 一般公共预算: 人员经费, 公用经费, 项目支出.
    pub general: [Decimal; 3],
    /// 政府性基金: 基本, 项目.
    pub fund: [Decimal; 2],
    /// 国有资本经营: 基本, 项目.
    pub state_capital: [Decimal; 2],
    /// 政府性基金 年初结转和结余, 年末结转和结余.
    pub fund_balance: [Decimal; 2],
}

impl ItemFigures {
    /// 一般公共预算 total of the 项.
    pub fn general_total(&self) -> Decimal {
        self.general.iter().copied().sum()
    }
    /// 本年支出合计 of the 项.
    pub fn spending_total(&self) -> Decimal {
        self.spending.iter().copied().sum()
    }
    /// 本年收入合计 of the 项.
    pub fn income_total(&self) -> Decimal {
        self.income.iter().copied().sum()
    }
}

/// A year's figures: per 项, and the totals derived from them.
#[derive(Debug, Clone, Default)]
pub struct UnitFigures {
    /// Per 项 (7-digit code), in code order.
    pub items: BTreeMap<String, ItemFigures>,
    /// Income by source (sum over 项).
    pub income: [Decimal; 8],
    /// Expenditure by kind (sum over 项).
    pub spending: [Decimal; 5],
    /// 一般公共预算 人员经费, 公用经费, 项目支出.
    pub general: [Decimal; 3],
    /// 政府性基金 基本, 项目.
    pub fund: [Decimal; 2],
    /// 国有资本经营 基本, 项目.
    pub state_capital: [Decimal; 2],
    /// 年初结转和结余: 一般公共预算, 政府性基金, 国有资本经营, 非财政拨款.
    pub opening: [Decimal; 4],
    /// 年末结转和结余: 一般公共预算, 政府性基金, 国有资本经营, 非财政拨款.
    pub closing: [Decimal; 4],
    /// 使用非财政拨款结余.
    pub non_fiscal_used: Decimal,
    /// 结余分配.
    pub surplus_distribution: Decimal,
    /// 06表: per economic 款 code, amount.
    pub economic: BTreeMap<String, Decimal>,
    /// The scale the unit's amounts were written in.
    pub scale: Option<Scale>,
}

impl UnitFigures {
    /// Gathers a unit's figures.
    pub fn from_unit(unit: &UnitFile) -> UnitFigures {
        let scale = Scale::of(unit);
        let mut f = UnitFigures::from_rows(scale, &unit.income, &unit.expenditure, Some(&unit.balances));
        for EconomicRow { code, amount, .. } in &unit.basic_by_economic {
            *f.economic.entry(code.0.clone()).or_default() += scale.wan(*amount);
        }
        f
    }

    /// Gathers figures from rows (also used for last year's rows).
    pub fn from_rows(
        scale: Scale,
        income: &[IncomeRow],
        expenditure: &[ExpenditureRow],
        balances: Option<&Balances>,
    ) -> UnitFigures {
        let w = |a: Amount| scale.wan(a);
        let mut f = UnitFigures {
            scale: Some(scale),
            ..Default::default()
        };
        for r in income.iter().filter(|r| r.code.0.len() == 7) {
            let it = f.items.entry(r.code.0.clone()).or_default();
            let v = [
                r.general,
                r.fund,
                r.state_capital,
                r.superior,
                r.business,
                r.operating,
                r.affiliated,
                r.other,
            ];
            add_into(&mut it.income, &v.map(w));
        }
        for r in expenditure.iter().filter(|r| r.code.0.len() == 7) {
            let it = f.items.entry(r.code.0.clone()).or_default();
            let g = [w(r.general.personnel), w(r.general.public), w(r.general.project)];
            let fd = [w(r.fund.basic), w(r.fund.project)];
            let sc = [w(r.state_capital.basic), w(r.state_capital.project)];
            let o = &r.other;
            add_into(&mut it.general, &g);
            add_into(&mut it.fund, &fd);
            add_into(&mut it.state_capital, &sc);
            let spending = [
                g[0] + g[1] + fd[0] + sc[0] + w(o.basic),
                g[2] + fd[1] + sc[1] + w(o.project),
                w(o.to_superior),
                w(o.operating),
                w(o.to_affiliated),
            ];
            add_into(&mut it.spending, &spending);
        }
        if let Some(b) = balances {
            for r in b.fund_items.iter().filter(|r| r.code.0.len() == 7) {
                let it = f.items.entry(r.code.0.clone()).or_default();
                it.fund_balance[0] += w(r.opening);
                it.fund_balance[1] += w(r.closing);
            }
            f.opening = [
                w(b.opening.general),
                Decimal::ZERO,
                w(b.opening.state_capital),
                w(b.opening.other),
            ];
            f.closing = [
                w(b.closing.general),
                Decimal::ZERO,
                w(b.closing.state_capital),
                w(b.closing.other),
            ];
            f.non_fiscal_used = w(b.non_fiscal_surplus_used);
            f.surplus_distribution = w(b.surplus_distribution);
        }
        for it in f.items.values() {
            add_into(&mut f.income, &it.income);
            add_into(&mut f.spending, &it.spending);
            add_into(&mut f.general, &it.general);
            add_into(&mut f.fund, &it.fund);
            add_into(&mut f.state_capital, &it.state_capital);
            f.opening[1] += it.fund_balance[0];
            f.closing[1] += it.fund_balance[1];
        }
        f
    }

    /// 本年收入合计.
    pub fn income_total(&self) -> Decimal {
        self.income.iter().copied().sum()
    }
    /// 本年支出合计.
    pub fn spending_total(&self) -> Decimal {
        self.spending.iter().copied().sum()
    }
    /// 年初结转和结余 (all funds).
    pub fn opening_total(&self) -> Decimal {
        self.opening.iter().copied().sum()
    }
    /// 年末结转和结余 (all funds).
    pub fn closing_total(&self) -> Decimal {
        self.closing.iter().copied().sum()
    }
    /// 收入总计 of table 01.
    pub fn income_grand_total(&self) -> Decimal {
        self.income_total() + self.non_fiscal_used + self.opening_total()
    }
    /// 支出总计 of table 01.
    pub fn spending_grand_total(&self) -> Decimal {
        self.spending_total() + self.surplus_distribution + self.closing_total()
    }
    /// 财政拨款收入 by fund (一般公共预算, 政府性基金, 国有资本经营).
    pub fn fiscal_income(&self) -> [Decimal; 3] {
        [self.income[0], self.income[1], self.income[2]]
    }
    /// 财政拨款支出 by fund.
    pub fn fiscal_spending(&self) -> [Decimal; 3] {
        [
            self.general_total(),
            self.fund[0] + self.fund[1],
            self.state_capital[0] + self.state_capital[1],
        ]
    }
    /// 一般公共预算财政拨款支出.
    pub fn general_total(&self) -> Decimal {
        self.general.iter().copied().sum()
    }
    /// 一般公共预算财政拨款基本支出.
    pub fn general_basic(&self) -> Decimal {
        self.general[0] + self.general[1]
    }
    /// 财政拨款收入支出总计 of table 04 (收入 side: 年初财政拨款结转 + 本年财政拨款收入).
    pub fn fiscal_grand_total(&self) -> Decimal {
        self.fiscal_income().iter().copied().sum::<Decimal>()
            + self.opening[0]
            + self.opening[1]
            + self.opening[2]
    }
    /// 财政拨款支出总计 of table 04 (支出 side: 本年财政拨款支出 + 年末财政拨款结转).
    pub fn fiscal_spending_grand_total(&self) -> Decimal {
        self.fiscal_spending().iter().copied().sum::<Decimal>()
            + self.closing[0]
            + self.closing[1]
            + self.closing[2]
    }
}
