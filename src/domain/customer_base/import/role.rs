//! Column roles and the header names that announce them.

use serde::Serialize;

use super::mapping::Shape;

/// The role a column plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Role {
    /// Customer identifier (both shapes).
    CustomerId,
    /// Purchase date (transactions).
    Date,
    /// Purchase amount (transactions).
    Amount,
    /// Quantity (transactions, optional, read for display only).
    Quantity,
    /// Repeat transactions (summary; alias `x`).
    Frequency,
    /// Time from first to last transaction (summary; alias `t_x`).
    Recency,
    /// Time from first transaction to the observation end (summary).
    T,
    /// Mean repeat spend (summary, optional; alias `zbar`).
    MonetaryValue,
    /// Customers a row stands for (summary, optional, default 1).
    Count,
    /// Total spend (summary, optional).
    HistoricalSpend,
}

impl Role {
    /// Every role, in mapping order.
    pub const ALL: [Role; 10] = [
        Role::CustomerId,
        Role::Date,
        Role::Amount,
        Role::Quantity,
        Role::Frequency,
        Role::Recency,
        Role::T,
        Role::MonetaryValue,
        Role::Count,
        Role::HistoricalSpend,
    ];

    /// The §2.5 column name (`customer_id`, `T`, ...).
    pub fn key(self) -> &'static str {
        match self {
            Role::CustomerId => "customer_id",
            Role::Date => "date",
            Role::Amount => "amount",
            Role::Quantity => "quantity",
            Role::Frequency => "frequency",
            Role::Recency => "recency",
            Role::T => "T",
            Role::MonetaryValue => "monetary_value",
            Role::Count => "count",
            Role::HistoricalSpend => "historical_spend",
        }
    }

    pub(crate) fn index(self) -> usize {
        Role::ALL.iter().position(|r| *r == self).unwrap_or(0)
    }

    /// Canonical names and aliases that need no confirmation.
    pub(crate) fn exact_names(self) -> &'static [&'static str] {
        match self {
            Role::CustomerId => &["customer_id", "id"],
            Role::Date => &["date"],
            Role::Amount => &["amount"],
            Role::Quantity => &["quantity"],
            Role::Frequency => &["frequency", "x"],
            Role::Recency => &["recency", "t_x"],
            Role::T => &["t"],
            Role::MonetaryValue => &["monetary_value", "zbar"],
            Role::Count => &["count"],
            Role::HistoricalSpend => &["historical_spend"],
        }
    }

    /// Normalised header variants (lower case, no spaces or punctuation).
    pub(crate) fn variants(self) -> &'static [&'static str] {
        match self {
            Role::CustomerId => &[
                "customerid",
                "id",
                "customer",
                "customerno",
                "customernumber",
                "custid",
                "cust",
                "clientid",
                "client",
                "userid",
                "user",
                "memberid",
                "member",
                "buyerid",
                "buyer",
                "accountid",
                "account",
                "客户",
                "客户编号",
                "客户id",
                "客户号",
                "客户代码",
                "顾客",
                "顾客编号",
                "顾客id",
                "会员",
                "会员编号",
                "会员id",
                "会员号",
                "会员卡号",
                "用户",
                "用户id",
                "买家",
            ],
            Role::Date => &[
                "date",
                "transactiondate",
                "orderdate",
                "purchasedate",
                "invoicedate",
                "saledate",
                "day",
                "datetime",
                "timestamp",
                "日期",
                "交易日期",
                "购买日期",
                "订单日期",
                "下单日期",
                "消费日期",
                "销售日期",
                "时间",
                "交易时间",
            ],
            Role::Amount => &[
                "amount",
                "value",
                "dollarvalue",
                "sales",
                "sale",
                "revenue",
                "spend",
                "total",
                "totalamount",
                "price",
                "amt",
                "ordervalue",
                "orderamount",
                "金额",
                "消费金额",
                "销售额",
                "交易金额",
                "订单金额",
                "总金额",
                "实付金额",
                "消费额",
            ],
            Role::Quantity => &["quantity", "qty", "units", "numberofcds", "items", "数量", "件数", "购买数量"],
            Role::Frequency => &["frequency", "x", "freq"],
            Role::Recency => &["recency", "tx"],
            Role::T => &["t"],
            Role::MonetaryValue => &["monetaryvalue", "zbar", "monetary"],
            Role::Count => &["count", "customers", "weight"],
            Role::HistoricalSpend => &["historicalspend"],
        }
    }

    /// The roles of a shape: required ones first.
    pub(crate) fn of(shape: Shape) -> (&'static [Role], &'static [Role]) {
        match shape {
            Shape::Transactions => (&[Role::CustomerId, Role::Date], &[Role::Amount, Role::Quantity]),
            Shape::Summary => {
                (&[Role::Frequency, Role::Recency, Role::T], &[Role::CustomerId, Role::MonetaryValue, Role::Count, Role::HistoricalSpend])
            }
        }
    }
}
