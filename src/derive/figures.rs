//! The figures of one year gathered per 功能分类 项 and summed to the totals every table and
//! section starts from. Rows with the same code are added together (the audit reports the
//! duplicate); rows whose code is not a 7-digit 项 ([`ItemCode`]) are left out (the audit reports
//! them too).

use crate::input::{Balances, EconomicRow, ExpenditureRow, IncomeRow, InputUnit, UnitFile};
use crate::money::Amount;
use crate::validate::{ItemCode, SectionCode};
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

/// Declares a set of named figures (万元) with its sum, element-wise addition and its values in
/// declaration order (the order of the official table's columns).
macro_rules! named_figures {
    ($(#[$m:meta])* $name:ident { $($(#[$fm:meta])* $field:ident),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
        pub struct $name {
            $($(#[$fm])* pub $field: Decimal,)*
        }

        impl $name {
            /// The figures in declaration order.
            pub fn values(&self) -> impl Iterator<Item = Decimal> {
                [$(self.$field),*].into_iter()
            }
            /// Their sum.
            pub fn total(&self) -> Decimal {
                Decimal::ZERO $(+ self.$field)*
            }
            /// Adds `other` field by field.
            pub fn add(&mut self, other: &Self) {
                $(self.$field += other.$field;)*
            }
            /// Whether every figure is zero.
            pub fn is_zero(&self) -> bool {
                true $(&& self.$field.is_zero())*
            }
        }
    };
}

named_figures!(
    /// Income by source, in table order (`INCOME_SOURCES`).
    Income {
        /// 一般公共预算财政拨款收入.
        general,
        /// 政府性基金预算财政拨款收入.
        fund,
        /// 国有资本经营预算财政拨款收入.
        state_capital,
        /// 上级补助收入.
        superior,
        /// 事业收入.
        business,
        /// 经营收入.
        operating,
        /// 附属单位上缴收入.
        affiliated,
        /// 其他收入.
        other,
    }
);

impl Income {
    /// 财政拨款收入 by fund.
    pub fn fiscal(&self) -> Fiscal {
        Fiscal {
            general: self.general,
            fund: self.fund,
            state_capital: self.state_capital,
        }
    }
}

named_figures!(
    /// Expenditure by kind, in table 03 order (`EXPENDITURE_KINDS`), all money sources together.
    Spending {
        /// 基本支出.
        basic,
        /// 项目支出.
        project,
        /// 上缴上级支出.
        to_superior,
        /// 经营支出.
        operating,
        /// 对附属单位补助支出.
        to_affiliated,
    }
);

named_figures!(
    /// 一般公共预算财政拨款支出: 基本支出 and 项目支出.
    General {
        /// 基本支出.
        basic,
        /// 项目支出.
        project,
    }
);

named_figures!(
    /// 一般公共预算财政拨款基本支出 split into 人员经费 and 公用经费 (the central 05表's columns, the
    /// 06表's two sides).
    Split {
        /// 人员经费.
        personnel,
        /// 公用经费.
        public,
    }
);

named_figures!(
    /// Expenditure of a 政府性基金 or 国有资本经营 fund.
    BasicProject {
        /// 基本支出.
        basic,
        /// 项目支出.
        project,
    }
);

named_figures!(
    /// 政府性基金 or 国有资本经营 结转和结余 of a 项.
    FundBalance {
        /// 年初结转和结余.
        opening,
        /// 年末结转和结余.
        closing,
    }
);

named_figures!(
    /// A figure per 财政拨款 fund (the three columns of table 04).
    Fiscal {
        /// 一般公共预算财政拨款.
        general,
        /// 政府性基金预算财政拨款.
        fund,
        /// 国有资本经营预算财政拨款.
        state_capital,
    }
);

named_figures!(
    /// 结转和结余 by fund, 非财政拨款 included.
    ByFund {
        /// 一般公共预算财政拨款.
        general,
        /// 政府性基金预算财政拨款.
        fund,
        /// 国有资本经营预算财政拨款.
        state_capital,
        /// 非财政拨款.
        non_fiscal,
    }
);

impl Fiscal {
    /// The three figures in fund order, for per-fund loops.
    pub fn array(&self) -> [Decimal; 3] {
        [self.general, self.fund, self.state_capital]
    }
}

impl ByFund {
    /// The three 财政拨款 funds.
    pub fn fiscal(&self) -> Fiscal {
        Fiscal {
            general: self.general,
            fund: self.fund,
            state_capital: self.state_capital,
        }
    }
}

/// One 项's figures (万元).
#[derive(Debug, Clone, Default)]
pub struct ItemFigures {
    /// Income by source.
    pub income: Income,
    /// Expenditure by kind (all money sources together).
    pub spending: Spending,
    /// 一般公共预算: 基本支出, 项目支出.
    pub general: General,
    /// 一般公共预算基本支出 as 人员经费 and 公用经费 (see [`ItemFigures::split`]).
    pub split_given: Split,
    /// Whether some row of the 项 has 基本支出 without 人员经费 and 公用经费.
    pub split_missing: bool,
    /// 政府性基金: 基本, 项目.
    pub fund: BasicProject,
    /// 国有资本经营: 基本, 项目.
    pub state_capital: BasicProject,
    /// 政府性基金 年初结转和结余, 年末结转和结余.
    pub fund_balance: FundBalance,
    /// 国有资本经营 年初结转和结余, 年末结转和结余 of the 项 (`balances.state_capital_items`; the
    /// fund's totals are `balances.opening/closing.state_capital`, which the items must add up to).
    pub state_capital_balance: FundBalance,
}

impl ItemFigures {
    /// 人员经费 and 公用经费 of the 项, when every row of it gives them (or has no 基本支出).
    pub fn split(&self) -> Option<Split> {
        (!self.split_missing).then_some(self.split_given)
    }
    /// 一般公共预算 total of the 项.
    pub fn general_total(&self) -> Decimal {
        self.general.total()
    }
    /// 本年支出合计 of the 项.
    pub fn spending_total(&self) -> Decimal {
        self.spending.total()
    }
    /// 本年收入合计 of the 项.
    pub fn income_total(&self) -> Decimal {
        self.income.total()
    }
}

/// A year's figures: per 项, and the totals derived from them.
#[derive(Debug, Clone, Default)]
pub struct UnitFigures {
    /// Per 项, in code order.
    pub items: BTreeMap<ItemCode, ItemFigures>,
    /// Income by source (sum over 项).
    pub income: Income,
    /// Expenditure by kind (sum over 项).
    pub spending: Spending,
    /// 一般公共预算 基本支出, 项目支出.
    pub general: General,
    /// 一般公共预算基本支出 as 人员经费 and 公用经费 summed over the 项, when every 项 gives them.
    pub split: Option<Split>,
    /// 政府性基金 基本, 项目.
    pub fund: BasicProject,
    /// 国有资本经营 基本, 项目.
    pub state_capital: BasicProject,
    /// 年初结转和结余 by fund.
    pub opening: ByFund,
    /// 年末结转和结余 by fund.
    pub closing: ByFund,
    /// 使用非财政拨款结余.
    pub non_fiscal_used: Decimal,
    /// 结余分配.
    pub surplus_distribution: Decimal,
    /// 06表: per economic 款, amount.
    pub economic: BTreeMap<SectionCode, Decimal>,
    /// The scale the unit's amounts were written in.
    pub scale: Option<Scale>,
}

impl UnitFigures {
    /// Gathers a unit's figures.
    pub fn from_unit(unit: &UnitFile) -> UnitFigures {
        let scale = Scale::of(unit);
        let mut f = UnitFigures::from_rows(scale, &unit.income, &unit.expenditure, Some(&unit.balances));
        for EconomicRow { code, amount, .. } in &unit.basic_by_economic {
            if let Some(code) = SectionCode::new(&code.0) {
                *f.economic.entry(code).or_default() += scale.wan(*amount);
            }
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
        for (code, r) in income.iter().filter_map(|r| Some((ItemCode::new(&r.code.0)?, r))) {
            let it = f.items.entry(code).or_default();
            it.income.add(&Income {
                general: w(r.general),
                fund: w(r.fund),
                state_capital: w(r.state_capital),
                superior: w(r.superior),
                business: w(r.business),
                operating: w(r.operating),
                affiliated: w(r.affiliated),
                other: w(r.other),
            });
        }
        for (code, r) in expenditure
            .iter()
            .filter_map(|r| Some((ItemCode::new(&r.code.0)?, r)))
        {
            let it = f.items.entry(code).or_default();
            let given = r.general.resolve();
            let g = General {
                basic: w(given.basic),
                project: w(r.general.project),
            };
            let split = given.split.map(|s| Split {
                personnel: w(s.personnel),
                public: w(s.public),
            });
            // A 项 entered on several rows knows its split only when every row gives it.
            match split {
                Some(s) => it.split_given.add(&s),
                None => it.split_missing = true,
            }
            let fd = BasicProject {
                basic: w(r.fund.basic),
                project: w(r.fund.project),
            };
            let sc = BasicProject {
                basic: w(r.state_capital.basic),
                project: w(r.state_capital.project),
            };
            let o = &r.other;
            it.general.add(&g);
            it.fund.add(&fd);
            it.state_capital.add(&sc);
            it.spending.add(&Spending {
                basic: g.basic + fd.basic + sc.basic + w(o.basic),
                project: g.project + fd.project + sc.project + w(o.project),
                to_superior: w(o.to_superior),
                operating: w(o.operating),
                to_affiliated: w(o.to_affiliated),
            });
        }
        if let Some(b) = balances {
            for (code, r) in b
                .fund_items
                .iter()
                .filter_map(|r| Some((ItemCode::new(&r.code.0)?, r)))
            {
                let it = f.items.entry(code).or_default();
                it.fund_balance.opening += w(r.opening);
                it.fund_balance.closing += w(r.closing);
            }
            for (code, r) in b
                .state_capital_items
                .iter()
                .filter_map(|r| Some((ItemCode::new(&r.code.0)?, r)))
            {
                let it = f.items.entry(code).or_default();
                it.state_capital_balance.opening += w(r.opening);
                it.state_capital_balance.closing += w(r.closing);
            }
            f.opening = ByFund {
                general: w(b.opening.general),
                fund: Decimal::ZERO,
                state_capital: w(b.opening.state_capital),
                non_fiscal: w(b.opening.other),
            };
            f.closing = ByFund {
                general: w(b.closing.general),
                fund: Decimal::ZERO,
                state_capital: w(b.closing.state_capital),
                non_fiscal: w(b.closing.other),
            };
            f.non_fiscal_used = w(b.non_fiscal_surplus_used);
            f.surplus_distribution = w(b.surplus_distribution);
        }
        f.split = Some(Split::default());
        for it in f.items.values() {
            f.split = f.split.zip(it.split()).map(|(mut a, b)| {
                a.add(&b);
                a
            });
            f.income.add(&it.income);
            f.spending.add(&it.spending);
            f.general.add(&it.general);
            f.fund.add(&it.fund);
            f.state_capital.add(&it.state_capital);
            f.opening.fund += it.fund_balance.opening;
            f.closing.fund += it.fund_balance.closing;
        }
        f
    }

    /// 本年收入合计.
    pub fn income_total(&self) -> Decimal {
        self.income.total()
    }
    /// 本年支出合计.
    pub fn spending_total(&self) -> Decimal {
        self.spending.total()
    }
    /// 年初结转和结余 (all funds).
    pub fn opening_total(&self) -> Decimal {
        self.opening.total()
    }
    /// 年末结转和结余 (all funds).
    pub fn closing_total(&self) -> Decimal {
        self.closing.total()
    }
    /// 收入总计 of table 01.
    pub fn income_grand_total(&self) -> Decimal {
        self.income_total() + self.non_fiscal_used + self.opening_total()
    }
    /// 支出总计 of table 01.
    pub fn spending_grand_total(&self) -> Decimal {
        self.spending_total() + self.surplus_distribution + self.closing_total()
    }
    /// 财政拨款收入 by fund.
    pub fn fiscal_income(&self) -> Fiscal {
        self.income.fiscal()
    }
    /// 财政拨款支出 by fund.
    pub fn fiscal_spending(&self) -> Fiscal {
        Fiscal {
            general: self.general_total(),
            fund: self.fund.total(),
            state_capital: self.state_capital.total(),
        }
    }
    /// 一般公共预算财政拨款支出.
    pub fn general_total(&self) -> Decimal {
        self.general.total()
    }
    /// 一般公共预算财政拨款基本支出.
    pub fn general_basic(&self) -> Decimal {
        self.general.basic
    }
    /// 人员经费 and 公用经费 totals, one value each: from the 经济分类 款 of the 06表 (301 and 303
    /// are 人员经费, the rest 公用经费) when the unit gave them, else from the per-项 split; None
    /// when neither is known.
    pub fn personnel_public(&self) -> Option<Split> {
        if self.economic.is_empty() {
            return self.split;
        }
        let mut s = Split::default();
        for (code, v) in &self.economic {
            if crate::catalogue::PERSONNEL_CLASSES.contains(&code.class()) {
                s.personnel += *v;
            } else {
                s.public += *v;
            }
        }
        Some(s)
    }
    /// 财政拨款收入支出总计 of table 04 (收入 side: 年初财政拨款结转 + 本年财政拨款收入).
    pub fn fiscal_grand_total(&self) -> Decimal {
        self.fiscal_income().total() + self.opening.fiscal().total()
    }
    /// 财政拨款支出总计 of table 04 (支出 side: 本年财政拨款支出 + 年末财政拨款结转).
    pub fn fiscal_spending_grand_total(&self) -> Decimal {
        self.fiscal_spending().total() + self.closing.fiscal().total()
    }
}
