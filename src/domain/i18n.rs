//! Languages and the message catalog.
//!
//! Every user-visible string of the application is a [`Msg`] with a text in
//! each [`Lang`]. The catalog is written with the `catalog!` macro, whose
//! pattern requires all three languages for every key, so a missing
//! translation does not compile; the tests also check that no text is empty
//! and that placeholders such as `{n}` agree across languages.

/// A user interface language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Simplified Chinese (`zh-CN`).
    ZhCn,
    /// Traditional Chinese (`zh-TW`).
    ZhTw,
    /// English (`en`).
    En,
}

impl Lang {
    /// All languages, in the order of the language selector.
    pub const ALL: [Lang; 3] = [Lang::ZhCn, Lang::ZhTw, Lang::En];

    /// The BCP 47 tag used in the `lang` URL parameter and `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::ZhTw => "zh-TW",
            Lang::En => "en",
        }
    }

    /// The language's own name, for the selector.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::ZhCn => "简体中文",
            Lang::ZhTw => "繁體中文",
            Lang::En => "English",
        }
    }

    /// Maps a BCP 47 tag to a language: `zh`, `zh-CN`, `zh-Hans`, `zh-SG` →
    /// simplified; `zh-TW`, `zh-HK`, `zh-MO`, `zh-Hant` → traditional; `en…`
    /// → English. Anything else is `None`.
    pub fn parse(tag: &str) -> Option<Lang> {
        let t = tag.trim().replace('_', "-").to_ascii_lowercase();
        let mut parts = t.split('-');
        match parts.next()? {
            "en" => Some(Lang::En),
            "zh" => {
                let rest: Vec<&str> = parts.collect();
                if rest.iter().any(|p| matches!(*p, "tw" | "hk" | "mo" | "hant")) {
                    Some(Lang::ZhTw)
                } else {
                    Some(Lang::ZhCn)
                }
            }
            _ => None,
        }
    }

    /// Chooses the language: the `lang` parameter if it names one, else the
    /// first of the browser's preferred languages that does, else English.
    pub fn negotiate<S: AsRef<str>>(param: Option<&str>, preferred: &[S]) -> Lang {
        param
            .and_then(Lang::parse)
            .or_else(|| preferred.iter().find_map(|p| Lang::parse(p.as_ref())))
            .unwrap_or(Lang::En)
    }
}

macro_rules! catalog {
    ($( $key:ident { en: $en:literal, zh_cn: $cn:literal, zh_tw: $tw:literal $(,)? } )*) => {
        /// A user-visible message. Its documentation is its English text.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Msg {
            $(
                #[doc = $en]
                $key,
            )*
        }

        impl Msg {
            /// Every message key.
            pub const ALL: &'static [Msg] = &[$(Msg::$key,)*];

            /// The message in `lang`.
            pub fn text(self, lang: Lang) -> &'static str {
                match self {
                    $(Msg::$key => match lang {
                        Lang::En => $en,
                        Lang::ZhCn => $cn,
                        Lang::ZhTw => $tw,
                    },)*
                }
            }
        }
    };
}

catalog! {
    AppName { en: "Customer Value Calculator", zh_cn: "客户价值计算器", zh_tw: "客戶價值計算器" }
    AppTagline { en: "Lifetime value, delivered value and satisfaction, every step shown.", zh_cn: "客户终身价值、让渡价值与满意度，每一步计算都看得见。", zh_tw: "客戶終身價值、讓渡價值與滿意度，每一步計算都看得見。" }
    CalcCustomerValue { en: "Customer value", zh_cn: "客户价值", zh_tw: "客戶價值" }
    CalcDeliveredValue { en: "Customer delivered value", zh_cn: "顾客让渡价值", zh_tw: "顧客讓渡價值" }
    CalcSatisfactionGap { en: "Satisfaction gap", zh_cn: "满意度差距", zh_tw: "滿意度差距" }
    TabsLabel { en: "Calculators", zh_cn: "计算器", zh_tw: "計算器" }
    LangLabel { en: "Language", zh_cn: "语言", zh_tw: "語言" }
    CurrencyLabel { en: "Currency", zh_cn: "货币", zh_tw: "貨幣" }
    FooterPrivacy { en: "Every calculation runs in your browser. Nothing you type is sent anywhere.", zh_cn: "所有计算都在你的浏览器中完成，你输入的内容不会发送到任何地方。", zh_tw: "所有計算都在你的瀏覽器中完成，你輸入的內容不會傳送到任何地方。" }
    FooterVersion { en: "Version {v}", zh_cn: "版本 {v}", zh_tw: "版本 {v}" }
    PresetsLabel { en: "Start from", zh_cn: "预设", zh_tw: "預設" }
    PresetCourse { en: "Course exercise (fast food)", zh_cn: "课程练习（快餐店）", zh_tw: "課程練習（速食店）" }
    PresetRetention { en: "Retention example", zh_cn: "留存模型示例", zh_tw: "留存模型範例" }
    GroupPurchase { en: "Purchase pattern", zh_cn: "购买模式", zh_tw: "購買模式" }
    GroupWordOfMouth { en: "Word of mouth", zh_cn: "口碑传播", zh_tw: "口碑傳播" }
    GroupRetention { en: "Retention model", zh_cn: "留存模型", zh_tw: "留存模型" }
    RetentionToggle { en: "Use the retention and discount model", zh_cn: "使用留存与折现模型", zh_tw: "使用留存與折現模型" }
    RetentionOff { en: "Off: set a retention rate to value the customer with yearly retention and discounting.", zh_cn: "未启用：设置留存率后，按每年留存与折现计算客户价值。", zh_tw: "未啟用：設定留存率後，按每年留存與折現計算客戶價值。" }
    FSpend { en: "Spend per purchase", zh_cn: "每次消费额", zh_tw: "每次消費額" }
    HSpend { en: "Average amount the customer spends each time.", zh_cn: "客户每次购买的平均金额。", zh_tw: "客戶每次購買的平均金額。" }
    FPurchases { en: "Purchases per period", zh_cn: "每期购买次数", zh_tw: "每期購買次數" }
    HPurchases { en: "How often the customer buys in one period.", zh_cn: "客户在一个周期内购买的次数。", zh_tw: "客戶在一個週期內購買的次數。" }
    FPeriod { en: "Period", zh_cn: "周期", zh_tw: "週期" }
    HPeriod { en: "The period of the purchase frequency.", zh_cn: "购买频率所对应的周期。", zh_tw: "購買頻率所對應的週期。" }
    FWeeks { en: "Weeks per year", zh_cn: "每年周数", zh_tw: "每年週數" }
    HWeeks { en: "Used when the period is a week; some textbooks use 50.", zh_cn: "周期为“周”时使用；有些教材取 50。", zh_tw: "週期為「週」時使用；有些教材取 50。" }
    FLifetime { en: "Customer life (years)", zh_cn: "客户生命周期（年）", zh_tw: "客戶生命週期（年）" }
    HLifetime { en: "How many years the customer keeps buying.", zh_cn: "客户持续购买的年数。", zh_tw: "客戶持續購買的年數。" }
    FMargin { en: "Margin rate", zh_cn: "利润率", zh_tw: "利潤率" }
    HMargin { en: "100% values the customer by sales; less values them by profit.", zh_cn: "100% 表示按销售额计算价值；低于 100% 表示按利润计算。", zh_tw: "100% 表示按銷售額計算價值；低於 100% 表示按利潤計算。" }
    FSatTell { en: "People a satisfied customer tells", zh_cn: "满意客户告诉的人数", zh_tw: "滿意客戶告訴的人數" }
    HSatTell { en: "How many people hear good things from a satisfied customer.", zh_cn: "满意的客户会把好评告诉多少人。", zh_tw: "滿意的客戶會把好評告訴多少人。" }
    FDisTell { en: "People a dissatisfied customer tells", zh_cn: "不满意客户告诉的人数", zh_tw: "不滿意客戶告訴的人數" }
    HDisTell { en: "How many people hear complaints from a dissatisfied customer.", zh_cn: "不满意的客户会把抱怨告诉多少人。", zh_tw: "不滿意的客戶會把抱怨告訴多少人。" }
    FRetell { en: "Retellings per listener", zh_cn: "每位听者的转述人数", zh_tw: "每位聽者的轉述人數" }
    HRetell { en: "Second-hand listeners per first-hand listener; 0 = one generation only.", zh_cn: "每位直接听者再转告的人数；0 表示只传一代。", zh_tw: "每位直接聽者再轉告的人數；0 表示只傳一代。" }
    FConversion { en: "Conversion rate", zh_cn: "转化率", zh_tw: "轉化率" }
    HConversion { en: "Share of listeners who become, or stop being, loyal customers.", zh_cn: "听者中成为（或不再是）忠诚客户的比例。", zh_tw: "聽者中成為（或不再是）忠誠客戶的比例。" }
    FDefects { en: "The dissatisfied customer leaves too", zh_cn: "不满意的客户本人也会流失", zh_tw: "不滿意的客戶本人也會流失" }
    HDefects { en: "Counts the customer's own lifetime value in the loss.", zh_cn: "把该客户本人的终身价值计入损失。", zh_tw: "把該客戶本人的終身價值計入損失。" }
    FRoundPeople { en: "Round people to whole persons", zh_cn: "人数取整（四舍五入）", zh_tw: "人數取整（四捨五入）" }
    HRoundPeople { en: "Some textbooks round converted listeners to whole people (half up).", zh_cn: "有些教材把转化的人数四舍五入为整数。", zh_tw: "有些教材把轉化的人數四捨五入為整數。" }
    FRetention { en: "Retention rate per year", zh_cn: "年留存率", zh_tw: "年留存率" }
    HRetention { en: "Chance that the customer stays another year. Empty switches the model off.", zh_cn: "客户再留一年的概率。留空则关闭模型。", zh_tw: "客戶再留一年的機率。留空則關閉模型。" }
    FDiscount { en: "Discount rate per year", zh_cn: "年折现率", zh_tw: "年折現率" }
    HDiscount { en: "What money a year from now is worth less than money today.", zh_cn: "一年后的钱比今天的钱少值多少。", zh_tw: "一年後的錢比今天的錢少值多少。" }
    FHorizon { en: "Horizon (years)", zh_cn: "计算年限（年）", zh_tw: "計算年限（年）" }
    HHorizon { en: "Number of years the retention model adds up (whole years).", zh_cn: "留存模型累计的年数（整数）。", zh_tw: "留存模型累計的年數（整數）。" }
    FTiming { en: "Cash-flow timing", zh_cn: "现金流时点", zh_tw: "現金流時點" }
    HTiming { en: "End: each year's margin arrives at year end, the first only if retained. Start: at year start, the first is certain.", zh_cn: "期末：每年利润在年末取得，第一年也需留存；期初：在年初取得，第一年确定。", zh_tw: "期末：每年利潤在年末取得，第一年也需留存；期初：在年初取得，第一年確定。" }
    FAcquisition { en: "Acquisition cost", zh_cn: "获客成本", zh_tw: "獲客成本" }
    HAcquisition { en: "What it costs to win the customer; subtracted for the net value.", zh_cn: "获得该客户的成本；计算净价值时扣除。", zh_tw: "獲得該客戶的成本；計算淨價值時扣除。" }
    PeriodWeek { en: "week", zh_cn: "周", zh_tw: "週" }
    PeriodMonth { en: "month", zh_cn: "月", zh_tw: "月" }
    PeriodQuarter { en: "quarter", zh_cn: "季度", zh_tw: "季" }
    PeriodYear { en: "year", zh_cn: "年", zh_tw: "年" }
    TimingEnd { en: "End of year", zh_cn: "期末（年末）", zh_tw: "期末（年末）" }
    TimingStart { en: "Start of year", zh_cn: "期初（年初）", zh_tw: "期初（年初）" }
    ResultsTitle { en: "Results", zh_cn: "结果", zh_tw: "結果" }
    ResultsInvalid { en: "A dash means an input it depends on needs fixing.", zh_cn: "“—”表示它依赖的输入需要修正。", zh_tw: "「—」表示它依賴的輸入需要修正。" }
    RPurchasesPerYear { en: "Purchases per year", zh_cn: "每年购买次数", zh_tw: "每年購買次數" }
    RAnnualValue { en: "Annual value", zh_cn: "年价值", zh_tw: "年價值" }
    RLifetimeValue { en: "Lifetime value", zh_cn: "终身价值", zh_tw: "終身價值" }
    RCustomersGained { en: "Customers gained by word of mouth", zh_cn: "口碑带来的客户数", zh_tw: "口碑帶來的客戶數" }
    RValueGained { en: "Value gained by word of mouth", zh_cn: "口碑带来的价值", zh_tw: "口碑帶來的價值" }
    RSatisfiedValue { en: "Value of a satisfied customer", zh_cn: "满意客户的价值", zh_tw: "滿意客戶的價值" }
    RCustomersLost { en: "Customers lost by word of mouth", zh_cn: "口碑流失的客户数", zh_tw: "口碑流失的客戶數" }
    RValueLost { en: "Value lost by word of mouth", zh_cn: "口碑流失的价值", zh_tw: "口碑流失的價值" }
    RDissatisfiedLoss { en: "Loss from a dissatisfied customer", zh_cn: "不满意客户造成的损失", zh_tw: "不滿意客戶造成的損失" }
    RSwing { en: "Satisfaction swing", zh_cn: "满意与不满意的价值差", zh_tw: "滿意與不滿意的價值差" }
    RRetentionClv { en: "Retention lifetime value", zh_cn: "留存终身价值", zh_tw: "留存終身價值" }
    RPerpetuity { en: "Retention value, no end date", zh_cn: "留存价值（无限期）", zh_tw: "留存價值（無限期）" }
    RNetClv { en: "Net customer lifetime value", zh_cn: "客户终身净价值", zh_tw: "客戶終身淨價值" }
    RExpectedLifetime { en: "Expected customer life (years)", zh_cn: "预期客户寿命（年）", zh_tw: "預期客戶壽命（年）" }
    RQ { en: "retention factor q", zh_cn: "留存系数 q", zh_tw: "留存係數 q" }
    SwingExplain { en: "What keeping this customer satisfied instead of dissatisfied is worth.", zh_cn: "让这位客户满意而不是不满意，价值相差这么多。", zh_tw: "讓這位客戶滿意而不是不滿意，價值相差這麼多。" }
    MathTitle { en: "Show the math", zh_cn: "查看计算过程", zh_tw: "查看計算過程" }
    NoteRounded { en: "rounded to whole persons, half up", zh_cn: "按四舍五入取整为整人数", zh_tw: "按四捨五入取整為整人數" }
    NoteNoDefect { en: "the customer's own value is not counted", zh_cn: "不计入该客户本人的价值", zh_tw: "不計入該客戶本人的價值" }
    NoteTimingEnd { en: "margins at the end of each year", zh_cn: "每年利润在年末取得", zh_tw: "每年利潤在年末取得" }
    NoteTimingStart { en: "margins at the start of each year", zh_cn: "每年利润在年初取得", zh_tw: "每年利潤在年初取得" }
    NoteDiverges { en: "no finite value: 1 + discount rate − retention rate must be above 0", zh_cn: "没有有限值：1 + 折现率 − 留存率必须大于 0", zh_tw: "沒有有限值：1 + 折現率 − 留存率必須大於 0" }
    NoteForever { en: "a customer retained with certainty never leaves", zh_cn: "留存率为 100% 的客户永不流失", zh_tw: "留存率為 100% 的客戶永不流失" }
    WomTitle { en: "Word of mouth at a glance", zh_cn: "口碑效应一览", zh_tw: "口碑效應一覽" }
    WomGained { en: "A satisfied customer brings in {people} new customer(s), worth {value}.", zh_cn: "一位满意的客户带来 {people} 位新客户，价值 {value}。", zh_tw: "一位滿意的客戶帶來 {people} 位新客戶，價值 {value}。" }
    WomLost { en: "A dissatisfied customer drives away {people} customer(s), worth {value}.", zh_cn: "一位不满意的客户赶走 {people} 位客户，价值 {value}。", zh_tw: "一位不滿意的客戶趕走 {people} 位客戶，價值 {value}。" }
    ChartTitle { en: "Cumulative value by year", zh_cn: "逐年累计价值", zh_tw: "逐年累計價值" }
    ChartDesc { en: "Line chart of the customer's cumulative value over the years: simple lifetime value and, when the retention model is on, the retention-discounted value.", zh_cn: "客户逐年累计价值的折线图：简单终身价值，以及启用留存模型时的留存折现价值。", zh_tw: "客戶逐年累計價值的折線圖：簡單終身價值，以及啟用留存模型時的留存折現價值。" }
    ChartSimple { en: "Simple lifetime value", zh_cn: "简单终身价值", zh_tw: "簡單終身價值" }
    ChartRetention { en: "Retention-discounted value", zh_cn: "留存折现价值", zh_tw: "留存折現價值" }
    AxisYear { en: "Year", zh_cn: "年", zh_tw: "年" }
    ErrEmpty { en: "enter a number", zh_cn: "请输入数字", zh_tw: "請輸入數字" }
    ErrNotANumber { en: "not a number", zh_cn: "不是有效的数字", zh_tw: "不是有效的數字" }
    ErrTooLarge { en: "number too large", zh_cn: "数字太大", zh_tw: "數字太大" }
    ErrPercentNotAllowed { en: "a percent sign is not allowed here", zh_cn: "此处不能使用百分号", zh_tw: "此處不能使用百分號" }
    ErrBadGrouping { en: "thousands separators must group 3 digits", zh_cn: "千位分隔符必须每 3 位一组", zh_tw: "千位分隔符必須每 3 位一組" }
    ErrAtLeast { en: "must be at least {n}", zh_cn: "不能小于 {n}", zh_tw: "不能小於 {n}" }
    ErrGreaterThan { en: "must be greater than {n}", zh_cn: "必须大于 {n}", zh_tw: "必須大於 {n}" }
    ErrAtMost { en: "must be at most {n}", zh_cn: "不能大于 {n}", zh_tw: "不能大於 {n}" }
    ErrNotWhole { en: "must be a whole number", zh_cn: "必须是整数", zh_tw: "必須是整數" }
    ErrUnknownChoice { en: "is not one of the offered choices", zh_cn: "不是可选的值", zh_tw: "不是可選的值" }
    ErrNotBool { en: "must be true or false", zh_cn: "必须是 true 或 false", zh_tw: "必須是 true 或 false" }
    DvProduct { en: "Product value", zh_cn: "产品价值", zh_tw: "產品價值" }
    DvService { en: "Service value", zh_cn: "服务价值", zh_tw: "服務價值" }
    DvPersonnel { en: "Personnel value", zh_cn: "人员价值", zh_tw: "人員價值" }
    DvImage { en: "Image value", zh_cn: "形象价值", zh_tw: "形象價值" }
    DvMonetary { en: "Monetary cost", zh_cn: "货币成本", zh_tw: "貨幣成本" }
    DvTime { en: "Time cost", zh_cn: "时间成本", zh_tw: "時間成本" }
    DvEnergy { en: "Energy cost", zh_cn: "体力成本", zh_tw: "體力成本" }
    DvPsychic { en: "Psychic cost", zh_cn: "精神成本", zh_tw: "精神成本" }
    DvTotalValue { en: "Total customer value", zh_cn: "顾客总价值", zh_tw: "顧客總價值" }
    DvTotalCost { en: "Total customer cost", zh_cn: "顾客总成本", zh_tw: "顧客總成本" }
    DvDelivered { en: "Customer delivered value", zh_cn: "顾客让渡价值", zh_tw: "顧客讓渡價值" }
    DvRatio { en: "Value / cost ratio", zh_cn: "价值成本比", zh_tw: "價值成本比" }
    DvRank { en: "Rank", zh_cn: "排名", zh_tw: "排名" }
    DvIntro { en: "Customers buy the offer with the highest delivered value: total customer value minus total customer cost. The first offer is ours.", zh_cn: "顾客会选择让渡价值最高的方案：顾客总价值减去顾客总成本。第一个方案是我方的。", zh_tw: "顧客會選擇讓渡價值最高的方案：顧客總價值減去顧客總成本。第一個方案是我方的。" }
    HkResults { en: "Results for the customer", zh_cn: "为顾客创造的结果", zh_tw: "為顧客創造的結果" }
    HkProcess { en: "Process quality", zh_cn: "过程质量", zh_tw: "過程品質" }
    HkPrice { en: "Price", zh_cn: "价格", zh_tw: "價格" }
    HkAcquisition { en: "Costs of acquiring the service", zh_cn: "获取服务的成本", zh_tw: "取得服務的成本" }
    HkValue { en: "Heskett value", zh_cn: "赫斯克特价值", zh_tw: "赫斯克特價值" }
    HkToggle { en: "Heskett's value equation", zh_cn: "赫斯克特价值方程", zh_tw: "赫斯克特價值方程式" }
    HkExplain { en: "Value = (results for the customer + process quality) / (price + costs of acquiring the service).", zh_cn: "价值 =（为顾客创造的结果 + 过程质量）/（价格 + 获取服务的成本）。", zh_tw: "價值 =（為顧客創造的結果 + 過程品質）/（價格 + 取得服務的成本）。" }
    DvPreset { en: "Class example (3 cafés)", zh_cn: "课堂示例（3 家咖啡馆）", zh_tw: "課堂範例（3 家咖啡館）" }
    DvPresetOurs { en: "Our café", zh_cn: "我们的咖啡馆", zh_tw: "我們的咖啡館" }
    DvPresetRivalA { en: "Rival A", zh_cn: "竞争者 A", zh_tw: "競爭者 A" }
    DvPresetRivalB { en: "Rival B", zh_cn: "竞争者 B", zh_tw: "競爭者 B" }
    DvNewOffer { en: "Competitor {n}", zh_cn: "竞争者 {n}", zh_tw: "競爭者 {n}" }
    DvCopySuffix { en: " (copy)", zh_cn: "（副本）", zh_tw: "（副本）" }
    DvOurs { en: "Ours", zh_cn: "我方", zh_tw: "我方" }
    DvCompetitor { en: "Competitor", zh_cn: "竞争者", zh_tw: "競爭者" }
    DvOfferName { en: "Offer name", zh_cn: "方案名称", zh_tw: "方案名稱" }
    DvAdd { en: "Add an offer", zh_cn: "添加方案", zh_tw: "新增方案" }
    DvDuplicate { en: "Duplicate", zh_cn: "复制", zh_tw: "複製" }
    DvRemove { en: "Remove", zh_cn: "删除", zh_tw: "刪除" }
    DvValueGroup { en: "Customer value", zh_cn: "顾客价值", zh_tw: "顧客價值" }
    DvCostGroup { en: "Customer cost", zh_cn: "顾客成本", zh_tw: "顧客成本" }
    DvCompareTitle { en: "Comparison", zh_cn: "方案比较", zh_tw: "方案比較" }
    DvBest { en: "Chosen", zh_cn: "顾客之选", zh_tw: "顧客之選" }
    DvBestLabel { en: "Best offer(s)", zh_cn: "最佳方案", zh_tw: "最佳方案" }
    DvGapLabel { en: "Gap to the best", zh_cn: "与最佳方案的差距", zh_tw: "與最佳方案的差距" }
    DvGapOursBest { en: "Our offer delivers the most value: customers choose it.", zh_cn: "我方方案的让渡价值最高：顾客会选择它。", zh_tw: "我方方案的讓渡價值最高：顧客會選擇它。" }
    DvGapTied { en: "Our offer is tied for the most value with: {others}.", zh_cn: "我方方案与以下方案并列让渡价值最高：{others}。", zh_tw: "我方方案與以下方案並列讓渡價值最高：{others}。" }
    DvGapBehind { en: "To be chosen, raise our total customer value or cut our total customer cost by {gap} to draw level with {best}, and by more to win outright.", zh_cn: "要被顾客选择，我方需把顾客总价值提高或把顾客总成本降低 {gap}，才能与 {best} 持平，超过这个幅度才能胜出。", zh_tw: "要被顧客選擇，我方需把顧客總價值提高或把顧客總成本降低 {gap}，才能與 {best} 持平，超過這個幅度才能勝出。" }
    DvWaiting { en: "Fix the highlighted inputs to rank the offers.", zh_cn: "请修正标出的输入，才能为方案排名。", zh_tw: "請修正標出的輸入，才能為方案排名。" }
    DvChartTitle { en: "Value against cost, per offer", zh_cn: "各方案的价值与成本", zh_tw: "各方案的價值與成本" }
    DvChartDesc { en: "For each offer, a bar of its four value components stacked next to a bar of its four cost components; the bracket between their tops is the delivered value.", zh_cn: "每个方案左侧为四项价值堆叠的柱，右侧为四项成本堆叠的柱；两柱顶端之间的括线即让渡价值。", zh_tw: "每個方案左側為四項價值堆疊的柱，右側為四項成本堆疊的柱；兩柱頂端之間的括線即讓渡價值。" }
    DvMathFor { en: "Steps for {name}", zh_cn: "{name} 的计算过程", zh_tw: "{name} 的計算過程" }
    DvOfferCount { en: "{n} of 10 offers", zh_cn: "已有 {n} 个方案（最多 10 个）", zh_tw: "已有 {n} 個方案（最多 10 個）" }
    NoticeTooManyOffers { en: "At most 10 offers can be compared. Remove one to add another.", zh_cn: "最多只能比较 10 个方案。请先删除一个再添加。", zh_tw: "最多只能比較 10 個方案。請先刪除一個再新增。" }
    NoticeLastOffer { en: "At least one offer is needed, so the last one cannot be removed.", zh_cn: "至少需要一个方案，最后一个方案不能删除。", zh_tw: "至少需要一個方案，最後一個方案不能刪除。" }
    NoticeBadState { en: "The inputs saved in this link could not be read, so the defaults are shown.", zh_cn: "无法读取链接中保存的输入，已显示默认值。", zh_tw: "無法讀取連結中儲存的輸入，已顯示預設值。" }
    NoticeDismiss { en: "Dismiss", zh_cn: "关闭", zh_tw: "關閉" }
    ErrNameEmpty { en: "enter a name", zh_cn: "请输入名称", zh_tw: "請輸入名稱" }
    ErrNameTooLong { en: "at most {n} characters", zh_cn: "最多 {n} 个字符", zh_tw: "最多 {n} 個字元" }
    NoteZeroCost { en: "no ratio: the cost is 0", zh_cn: "成本为 0，无法计算比值", zh_tw: "成本為 0，無法計算比值" }
    ImpTooLarge { en: "the file is larger than 5 MB", zh_cn: "文件大于 5 MB", zh_tw: "檔案大於 5 MB" }
    ImpNotJson { en: "not JSON: {detail}", zh_cn: "不是 JSON：{detail}", zh_tw: "不是 JSON：{detail}" }
    ImpTooDeep { en: "the data is nested too deeply", zh_cn: "数据嵌套层级过深", zh_tw: "資料巢狀層級過深" }
    ImpNotObject { en: "must be an object", zh_cn: "必须是对象", zh_tw: "必須是物件" }
    ImpWrongFormat { en: "not a customer-value-calculator document", zh_cn: "不是客户价值计算器的文件", zh_tw: "不是客戶價值計算器的檔案" }
    ImpVersion { en: "unsupported format version {v}: this app reads version 1", zh_cn: "不支持的格式版本 {v}：本应用读取第 1 版", zh_tw: "不支援的格式版本 {v}：本應用讀取第 1 版" }
    ImpUnknownCalculator { en: "unknown calculator", zh_cn: "未知的计算器", zh_tw: "未知的計算器" }
    ImpItemCount { en: "must hold 1 to 50 items", zh_cn: "必须包含 1 到 50 个项目", zh_tw: "必須包含 1 到 50 個項目" }
    ImpDuplicateId { en: "this id is used twice", zh_cn: "此 id 重复", zh_tw: "此 id 重複" }
    ImpWrongItems { en: "the items do not match the questionnaire", zh_cn: "项目与问卷不符", zh_tw: "項目與問卷不符" }
    ImpUnknownDimension { en: "no item has this dimension", zh_cn: "没有项目属于此维度", zh_tw: "沒有項目屬於此構面" }
    ImpUnknownKey { en: "unknown key", zh_cn: "未知的键", zh_tw: "未知的鍵" }
    ImpMissing { en: "missing", zh_cn: "缺少此项", zh_tw: "缺少此項" }
    ImpNotNumber { en: "must be a number", zh_cn: "必须是数字", zh_tw: "必須是數字" }
    ImpNotText { en: "must be text", zh_cn: "必须是文字", zh_tw: "必須是文字" }
    ImpNotList { en: "must be a list", zh_cn: "必须是列表", zh_tw: "必須是清單" }
    ImpOfferCount { en: "must hold 1 to 10 offers", zh_cn: "必须包含 1 到 10 个方案", zh_tw: "必須包含 1 到 10 個方案" }
    ImpTooManyScenarios { en: "at most 8 scenarios", zh_cn: "最多 8 个情景", zh_tw: "最多 8 個情境" }
    ImpCurrency { en: "unsupported currency", zh_cn: "不支持的货币", zh_tw: "不支援的貨幣" }
    NoticeBadSaved { en: "Inputs saved on this device could not be read and were discarded; the defaults are shown.", zh_cn: "本机保存的输入无法读取，已丢弃并显示默认值。", zh_tw: "本機儲存的輸入無法讀取，已捨棄並顯示預設值。" }
    NoticeRestored { en: "Your inputs from the last visit were restored.", zh_cn: "已恢复你上次输入的内容。", zh_tw: "已恢復你上次輸入的內容。" }
    NoticeImported { en: "The file was imported and its results recomputed.", zh_cn: "文件已导入，结果已重新计算。", zh_tw: "檔案已匯入，結果已重新計算。" }
    NoticeReset { en: "The inputs were reset to the defaults.", zh_cn: "输入已恢复为默认值。", zh_tw: "輸入已恢復為預設值。" }
    NoticeCopied { en: "The JSON was copied to the clipboard.", zh_cn: "JSON 已复制到剪贴板。", zh_tw: "JSON 已複製到剪貼簿。" }
    NoticeLinkCopied { en: "The share link was copied to the clipboard.", zh_cn: "分享链接已复制到剪贴板。", zh_tw: "分享連結已複製到剪貼簿。" }
    NoticeCopyByHand { en: "The clipboard is not available here: the link below is selected, copy it by hand.", zh_cn: "此处无法使用剪贴板：下方链接已选中，请手动复制。", zh_tw: "此處無法使用剪貼簿：下方連結已選取，請手動複製。" }
    NoticeExportInvalid { en: "Fix the highlighted inputs before exporting.", zh_cn: "请先修正标出的输入再导出。", zh_tw: "請先修正標出的輸入再匯出。" }
    ImportErrorsTitle { en: "The file was not imported; nothing was changed:", zh_cn: "文件未导入，内容未作任何更改：", zh_tw: "檔案未匯入，內容未作任何變更：" }
    ExportJson { en: "Export JSON", zh_cn: "导出 JSON", zh_tw: "匯出 JSON" }
    CopyJson { en: "Copy JSON", zh_cn: "复制 JSON", zh_tw: "複製 JSON" }
    ImportJson { en: "Import JSON", zh_cn: "导入 JSON", zh_tw: "匯入 JSON" }
    ImportHint { en: "or drop a file on the page, or paste JSON", zh_cn: "也可把文件拖到页面上，或粘贴 JSON", zh_tw: "也可把檔案拖到頁面上，或貼上 JSON" }
    ShareLink { en: "Copy share link", zh_cn: "复制分享链接", zh_tw: "複製分享連結" }
    ShareUrlLabel { en: "Share link", zh_cn: "分享链接", zh_tw: "分享連結" }
    ResetDefaults { en: "Reset to defaults", zh_cn: "恢复默认值", zh_tw: "恢復預設值" }
    LockedHint { en: "locked by your teacher", zh_cn: "已由老师锁定", zh_tw: "已由老師鎖定" }
    ToolbarLabel { en: "Save and share", zh_cn: "保存与分享", zh_tw: "儲存與分享" }
    SgServqual { en: "SERVQUAL (22 items, 5 dimensions)", zh_cn: "SERVQUAL（22 项，5 个维度）", zh_tw: "SERVQUAL（22 項，5 個構面）" }
    SgDeterminants { en: "10 determinants (1985 model)", zh_cn: "10 个决定因素（1985 年模型）", zh_tw: "10 個決定因素（1985 年模型）" }
    SgCustom { en: "Your own attributes", zh_cn: "自定义属性", zh_tw: "自訂屬性" }
    SgIntro { en: "Satisfaction is the gap between what customers perceive and what they expected: above expectations they are very satisfied, at expectations basically satisfied, below them dissatisfied.", zh_cn: "满意度是顾客感知与期望之间的差距：感知高于期望为非常满意，等于期望为基本满意，低于期望为不满意。", zh_tw: "滿意度是顧客感知與期望之間的差距：感知高於期望為非常滿意，等於期望為基本滿意，低於期望為不滿意。" }
    SgInstrument { en: "Questionnaire", zh_cn: "问卷", zh_tw: "問卷" }
    SgScaleMin { en: "Lowest rating", zh_cn: "最低分", zh_tw: "最低分" }
    SgScaleMax { en: "Highest rating", zh_cn: "最高分", zh_tw: "最高分" }
    SgTolerance { en: "Tolerance", zh_cn: "容差", zh_tw: "容差" }
    SgToleranceHelp { en: "A gap no larger than this counts as meeting expectations.", zh_cn: "差距的绝对值不超过此值即视为符合期望。", zh_tw: "差距的絕對值不超過此值即視為符合期望。" }
    SgScaleAboveMin { en: "must be above the lowest rating", zh_cn: "必须大于最低分", zh_tw: "必須大於最低分" }
    SgItem { en: "Item", zh_cn: "项目", zh_tw: "項目" }
    SgDimension { en: "Dimension", zh_cn: "维度", zh_tw: "構面" }
    SgExpected { en: "Expected", zh_cn: "期望", zh_tw: "期望" }
    SgPerceived { en: "Perceived", zh_cn: "感知", zh_tw: "感知" }
    SgGap { en: "Gap", zh_cn: "差距", zh_tw: "差距" }
    SgVerdict { en: "Verdict", zh_cn: "判断", zh_tw: "判斷" }
    SgWeight { en: "Weight", zh_cn: "权重", zh_tw: "權重" }
    SgRatings { en: "Ratings", zh_cn: "评分", zh_tw: "評分" }
    SgAttributeName { en: "Attribute", zh_cn: "属性", zh_tw: "屬性" }
    SgOwnDimension { en: "(its own)", zh_cn: "（独立维度）", zh_tw: "（獨立構面）" }
    SgAddAttribute { en: "Add an attribute", zh_cn: "添加属性", zh_tw: "新增屬性" }
    SgRemove { en: "Remove", zh_cn: "删除", zh_tw: "刪除" }
    SgNewAttribute { en: "Attribute {n}", zh_cn: "属性 {n}", zh_tw: "屬性 {n}" }
    SgSpeed { en: "Speed", zh_cn: "速度", zh_tw: "速度" }
    SgFriendliness { en: "Friendliness", zh_cn: "友好", zh_tw: "友善" }
    SgAccuracy { en: "Accuracy", zh_cn: "准确", zh_tw: "準確" }
    SgUseWeights { en: "Weight the dimensions", zh_cn: "为维度设置权重", zh_tw: "為構面設定權重" }
    SgWeightTotal { en: "Total: {total} points (weights are divided by the total)", zh_cn: "合计：{total} 分（权重按合计归一化）", zh_tw: "合計：{total} 分（權重按合計正規化）" }
    SgWeightsZero { en: "the weights must not all be zero", zh_cn: "权重不能全部为零", zh_tw: "權重不能全部為零" }
    SgPresetCustom { en: "Three attributes", zh_cn: "三个属性示例", zh_tw: "三個屬性範例" }
    SgPresetServqual { en: "SERVQUAL with weights", zh_cn: "带权重的 SERVQUAL", zh_tw: "帶權重的 SERVQUAL" }
    SgDimensionsTitle { en: "Dimensions", zh_cn: "各维度结果", zh_tw: "各構面結果" }
    SgOverallTitle { en: "Overall", zh_cn: "总体结果", zh_tw: "總體結果" }
    SgUnweighted { en: "Unweighted score", zh_cn: "未加权得分", zh_tw: "未加權得分" }
    SgWeighted { en: "Weighted score", zh_cn: "加权得分", zh_tw: "加權得分" }
    SgMeanExpected { en: "Mean expectation", zh_cn: "平均期望", zh_tw: "平均期望" }
    SgMeanPerceived { en: "Mean perception", zh_cn: "平均感知", zh_tw: "平均感知" }
    SgOverallVerdict { en: "Overall verdict", zh_cn: "总体判断", zh_tw: "總體判斷" }
    SgGapChart { en: "Gap per dimension", zh_cn: "各维度差距", zh_tw: "各構面差距" }
    SgGapChartDesc { en: "Horizontal bars of each dimension's mean gap, perceived minus expected; bars to the right of zero exceed expectations, to the left fall below.", zh_cn: "各维度平均差距（感知减期望）的横向条形图；零线右侧为超出期望，左侧为低于期望。", zh_tw: "各構面平均差距（感知減期望）的橫向條形圖；零線右側為超出期望，左側為低於期望。" }
    SgIpaChart { en: "Importance–performance", zh_cn: "重要性—表现分析", zh_tw: "重要性—表現分析" }
    SgIpaDesc { en: "Each dimension placed by importance (weight, or mean expectation) and performance (mean perception); the lines are the means, dividing four quadrants.", zh_cn: "按重要性（权重或平均期望）与表现（平均感知）放置各维度；两条线为均值，把图分成四个象限。", zh_tw: "按重要性（權重或平均期望）與表現（平均感知）放置各構面；兩條線為平均值，把圖分成四個象限。" }
    SgImportance { en: "Importance", zh_cn: "重要性", zh_tw: "重要性" }
    SgPerformance { en: "Performance", zh_cn: "表现", zh_tw: "表現" }
    SgQuadrant { en: "Quadrant", zh_cn: "象限", zh_tw: "象限" }
    SgWaiting { en: "Fix the highlighted inputs to see the results.", zh_cn: "请修正标出的输入以查看结果。", zh_tw: "請修正標出的輸入以查看結果。" }
    SgSurveyTitle { en: "Survey data (CSV)", zh_cn: "问卷数据（CSV）", zh_tw: "問卷資料（CSV）" }
    SgSurveyHelp { en: "One respondent per row; columns e1…eK for expectations and p1…pK for perceptions (custom: e_<id>, p_<id>); blank cells are missing answers. The item means replace the ratings.", zh_cn: "每行一位受访者；期望列为 e1…eK，感知列为 p1…pK（自定义属性为 e_<id>、p_<id>）；空白单元格表示未作答。导入后以各项目平均分替换评分。", zh_tw: "每列一位受訪者；期望欄為 e1…eK，感知欄為 p1…pK（自訂屬性為 e_<id>、p_<id>）；空白儲存格表示未作答。匯入後以各項目平均分取代評分。" }
    SgImportSurvey { en: "Import survey CSV", zh_cn: "导入问卷 CSV", zh_tw: "匯入問卷 CSV" }
    SgTemplate { en: "Download a blank template", zh_cn: "下载空白模板", zh_tw: "下載空白範本" }
    SgDropHere { en: "or drop the CSV file here", zh_cn: "或把 CSV 文件拖到这里", zh_tw: "或把 CSV 檔案拖到這裡" }
    SgRespondents { en: "Respondents", zh_cn: "受访者人数", zh_tw: "受訪者人數" }
    SgAlpha { en: "Cronbach's α", zh_cn: "克朗巴哈 α 系数", zh_tw: "克朗巴哈 α 係數" }
    SgAlphaLow { en: "below 0.7: the items may not measure one thing", zh_cn: "低于 0.7：这些项目可能不是在测量同一件事", zh_tw: "低於 0.7：這些項目可能不是在測量同一件事" }
    SgAlphaNone { en: "not defined (fewer than 2 items or complete answers)", zh_cn: "无法计算（项目或完整作答少于 2 个）", zh_tw: "無法計算（項目或完整作答少於 2 個）" }
    SgSurveyErrors { en: "The CSV was not imported; nothing was changed:", zh_cn: "CSV 未导入，内容未作任何更改：", zh_tw: "CSV 未匯入，內容未作任何變更：" }
    SgSurveyImported { en: "{n} respondents imported; the ratings are now the survey means.", zh_cn: "已导入 {n} 位受访者；评分已替换为问卷平均分。", zh_tw: "已匯入 {n} 位受訪者；評分已取代為問卷平均分。" }
    VerdictExceeds { en: "Exceeds expectations", zh_cn: "超出期望", zh_tw: "超出期望" }
    VerdictMeets { en: "Basically satisfied", zh_cn: "基本满意", zh_tw: "基本滿意" }
    VerdictBelow { en: "Dissatisfied", zh_cn: "不满意", zh_tw: "不滿意" }
    IpaConcentrate { en: "Concentrate here", zh_cn: "重点改进", zh_tw: "重點改進" }
    IpaKeepUp { en: "Keep up the good work", zh_cn: "继续保持", zh_tw: "繼續保持" }
    IpaLowPriority { en: "Low priority", zh_cn: "次要改进", zh_tw: "次要改進" }
    IpaOverkill { en: "Possible overkill", zh_cn: "可能过度投入", zh_tw: "可能過度投入" }
    CsvEmpty { en: "the file is empty", zh_cn: "文件是空的", zh_tw: "檔案是空的" }
    CsvNotText { en: "not a text CSV file", zh_cn: "不是文本 CSV 文件", zh_tw: "不是文字 CSV 檔案" }
    CsvMalformed { en: "malformed CSV ({detail})", zh_cn: "CSV 格式错误（{detail}）", zh_tw: "CSV 格式錯誤（{detail}）" }
    CsvUnknownColumn { en: "unknown column", zh_cn: "未知的列", zh_tw: "未知的欄" }
    CsvMissingColumn { en: "missing column", zh_cn: "缺少此列", zh_tw: "缺少此欄" }
    CsvDuplicateColumn { en: "the column appears twice", zh_cn: "此列重复出现", zh_tw: "此欄重複出現" }
    CsvNotANumber { en: "\"{value}\" is not a number", zh_cn: "“{value}”不是数字", zh_tw: "「{value}」不是數字" }
    CsvOutOfScale { en: "{value} is outside the scale {min}–{max}", zh_cn: "{value} 超出评分范围 {min}–{max}", zh_tw: "{value} 超出評分範圍 {min}–{max}" }
    CsvNoAnswers { en: "no respondent answered this item", zh_cn: "没有受访者回答此项目", zh_tw: "沒有受訪者回答此項目" }
    CsvNoRespondents { en: "no respondents after the header row", zh_cn: "标题行之后没有受访者数据", zh_tw: "標題列之後沒有受訪者資料" }
    CsvTooManyErrors { en: "more errors follow; fix these first", zh_cn: "还有更多错误，请先修正以上错误", zh_tw: "還有更多錯誤，請先修正以上錯誤" }
    CsvRow { en: "row {row}", zh_cn: "第 {row} 行", zh_tw: "第 {row} 列" }
    CsvColumn { en: "column {column}", zh_cn: "{column} 列", zh_tw: "{column} 欄" }
    CsvRowColumn { en: "row {row}, column {column}", zh_cn: "第 {row} 行 {column} 列", zh_tw: "第 {row} 列 {column} 欄" }
    DimTangibles { en: "Tangibles", zh_cn: "有形性", zh_tw: "有形性" }
    DimReliability { en: "Reliability", zh_cn: "可靠性", zh_tw: "可靠性" }
    DimResponsiveness { en: "Responsiveness", zh_cn: "响应性", zh_tw: "回應性" }
    DimAssurance { en: "Assurance", zh_cn: "保证性", zh_tw: "保證性" }
    DimEmpathy { en: "Empathy", zh_cn: "移情性", zh_tw: "關懷性" }
    DimCompetence { en: "Competence", zh_cn: "胜任能力", zh_tw: "勝任能力" }
    DimAccess { en: "Access", zh_cn: "可接近性", zh_tw: "可接近性" }
    DimCourtesy { en: "Courtesy", zh_cn: "礼貌", zh_tw: "禮貌" }
    DimCommunication { en: "Communication", zh_cn: "沟通", zh_tw: "溝通" }
    DimCredibility { en: "Credibility", zh_cn: "可信度", zh_tw: "可信度" }
    DimSecurity { en: "Security", zh_cn: "安全性", zh_tw: "安全性" }
    DimUnderstanding { en: "Understanding the customer", zh_cn: "了解顾客", zh_tw: "了解顧客" }
    Q1 { en: "Its equipment looks up to date.", zh_cn: "设备看起来是现代化的。", zh_tw: "設備看起來是現代化的。" }
    Q2 { en: "Its buildings and facilities are visually appealing.", zh_cn: "建筑与设施看起来很吸引人。", zh_tw: "建築與設施看起來很吸引人。" }
    Q3 { en: "Its staff look neat and professional.", zh_cn: "员工衣着整洁、得体。", zh_tw: "員工衣著整潔、得體。" }
    Q4 { en: "Brochures, statements and other materials look appealing.", zh_cn: "宣传册、账单等资料看起来美观。", zh_tw: "宣傳冊、帳單等資料看起來美觀。" }
    Q5 { en: "When it promises to do something by a certain time, it does so.", zh_cn: "承诺在某个时间完成的事，会按时完成。", zh_tw: "承諾在某個時間完成的事，會按時完成。" }
    Q6 { en: "When a customer has a problem, it shows a sincere interest in solving it.", zh_cn: "顾客遇到问题时，会真诚地帮忙解决。", zh_tw: "顧客遇到問題時，會真誠地幫忙解決。" }
    Q7 { en: "It performs the service right the first time.", zh_cn: "第一次就把服务做好。", zh_tw: "第一次就把服務做好。" }
    Q8 { en: "It provides its services at the time it promises.", zh_cn: "在承诺的时间提供服务。", zh_tw: "在承諾的時間提供服務。" }
    Q9 { en: "It keeps accurate, error-free records.", zh_cn: "记录准确无误。", zh_tw: "記錄準確無誤。" }
    Q10 { en: "Staff tell customers exactly when services will be performed.", zh_cn: "员工会告诉顾客服务的确切时间。", zh_tw: "員工會告訴顧客服務的確切時間。" }
    Q11 { en: "Staff give prompt service.", zh_cn: "员工提供迅速的服务。", zh_tw: "員工提供迅速的服務。" }
    Q12 { en: "Staff are always willing to help.", zh_cn: "员工总是乐意帮助顾客。", zh_tw: "員工總是樂意幫助顧客。" }
    Q13 { en: "Staff are never too busy to respond to requests.", zh_cn: "员工再忙也会回应顾客的要求。", zh_tw: "員工再忙也會回應顧客的要求。" }
    Q14 { en: "The behaviour of staff instils confidence.", zh_cn: "员工的表现让人信任。", zh_tw: "員工的表現讓人信任。" }
    Q15 { en: "Customers feel safe in their transactions.", zh_cn: "顾客在交易中感到安心。", zh_tw: "顧客在交易中感到安心。" }
    Q16 { en: "Staff are consistently courteous.", zh_cn: "员工始终彬彬有礼。", zh_tw: "員工始終彬彬有禮。" }
    Q17 { en: "Staff have the knowledge to answer questions.", zh_cn: "员工具备回答问题的专业知识。", zh_tw: "員工具備回答問題的專業知識。" }
    Q18 { en: "It gives customers individual attention.", zh_cn: "会给予顾客个别的关注。", zh_tw: "會給予顧客個別的關注。" }
    Q19 { en: "Its opening hours suit all its customers.", zh_cn: "营业时间方便所有顾客。", zh_tw: "營業時間方便所有顧客。" }
    Q20 { en: "Staff give customers personal attention.", zh_cn: "员工会给予顾客个人化的照顾。", zh_tw: "員工會給予顧客個人化的照顧。" }
    Q21 { en: "It has the customers' best interests at heart.", zh_cn: "真心为顾客的利益着想。", zh_tw: "真心為顧客的利益著想。" }
    Q22 { en: "Staff understand customers' specific needs.", zh_cn: "员工了解顾客的具体需求。", zh_tw: "員工了解顧客的具體需求。" }
    DetReliability { en: "Reliability: dependable, consistent performance", zh_cn: "可靠性：表现稳定、值得信赖", zh_tw: "可靠性：表現穩定、值得信賴" }
    DetResponsiveness { en: "Responsiveness: willing and quick to help", zh_cn: "响应性：乐意并迅速地提供帮助", zh_tw: "回應性：樂意並迅速地提供幫助" }
    DetCompetence { en: "Competence: the skills and knowledge to serve", zh_cn: "胜任能力：具备服务所需的技能和知识", zh_tw: "勝任能力：具備服務所需的技能和知識" }
    DetAccess { en: "Access: easy to reach and to contact", zh_cn: "可接近性：容易到达、容易联系", zh_tw: "可接近性：容易到達、容易聯繫" }
    DetCourtesy { en: "Courtesy: polite, respectful, friendly staff", zh_cn: "礼貌：员工有礼、尊重、友善", zh_tw: "禮貌：員工有禮、尊重、友善" }
    DetCommunication { en: "Communication: explains in words customers understand, and listens", zh_cn: "沟通：用顾客听得懂的话说明，并倾听顾客", zh_tw: "溝通：用顧客聽得懂的話說明，並傾聽顧客" }
    DetCredibility { en: "Credibility: trustworthy and honest", zh_cn: "可信度：诚实、值得信任", zh_tw: "可信度：誠實、值得信任" }
    DetSecurity { en: "Security: free from danger, risk or doubt", zh_cn: "安全性：没有危险、风险或疑虑", zh_tw: "安全性：沒有危險、風險或疑慮" }
    DetUnderstanding { en: "Understanding: makes the effort to know the customer's needs", zh_cn: "了解顾客：用心了解顾客的需求", zh_tw: "了解顧客：用心了解顧客的需求" }
    DetTangibles { en: "Tangibles: facilities, equipment and appearance", zh_cn: "有形性：设施、设备与外观", zh_tw: "有形性：設施、設備與外觀" }
    NoticeTooManyScenarios { en: "At most 8 scenarios can be kept. Delete one to save another.", zh_cn: "最多保留 8 个情景。请先删除一个再保存。", zh_tw: "最多保留 8 個情境。請先刪除一個再儲存。" }
    NoticeScenarioName { en: "Give the scenario a name of 1 to 60 characters.", zh_cn: "请为情景取一个 1 到 60 个字符的名称。", zh_tw: "請為情境取一個 1 到 60 個字元的名稱。" }
    WhatIfTitle { en: "What if?", zh_cn: "假设分析", zh_tw: "假設分析" }
    ScenariosTitle { en: "Scenarios", zh_cn: "情景比较", zh_tw: "情境比較" }
    ScenariosHelp { en: "Save the current inputs under a name, change them, and compare every result with the baseline (the form).", zh_cn: "把当前输入以名称保存，修改输入后即可把各项结果与基准（当前表单）比较。", zh_tw: "把目前輸入以名稱儲存，修改輸入後即可把各項結果與基準（目前表單）比較。" }
    ScenarioNameLabel { en: "Scenario name", zh_cn: "情景名称", zh_tw: "情境名稱" }
    SaveScenario { en: "Save as scenario", zh_cn: "保存为情景", zh_tw: "儲存為情境" }
    LoadScenario { en: "Load", zh_cn: "载入", zh_tw: "載入" }
    DeleteScenario { en: "Delete", zh_cn: "删除", zh_tw: "刪除" }
    Baseline { en: "Baseline", zh_cn: "基准", zh_tw: "基準" }
    ScenarioNone { en: "No scenarios yet.", zh_cn: "还没有情景。", zh_tw: "還沒有情境。" }
    DefaultScenarioName { en: "Scenario {n}", zh_cn: "情景 {n}", zh_tw: "情境 {n}" }
    OutputLabel { en: "Output", zh_cn: "输出指标", zh_tw: "輸出指標" }
    InputLabel { en: "Input", zh_cn: "输入项", zh_tw: "輸入項" }
    SensitivityTitle { en: "Sensitivity (tornado)", zh_cn: "敏感性分析（龙卷风图）", zh_tw: "敏感性分析（龍捲風圖）" }
    SensitivityHelp { en: "Each input is moved down and up by the same percentage, one at a time, within its valid range. The longest bar matters most.", zh_cn: "逐一把每个输入在有效范围内按相同百分比调低和调高，条形最长的输入影响最大。", zh_tw: "逐一把每個輸入在有效範圍內按相同百分比調低和調高，條形最長的輸入影響最大。" }
    SensitivityP { en: "Vary by ± (%)", zh_cn: "变动幅度 ±（%）", zh_tw: "變動幅度 ±（%）" }
    RunSensitivity { en: "Run sensitivity", zh_cn: "运行敏感性分析", zh_tw: "執行敏感性分析" }
    NotVaried { en: "not varied (its value is 0)", zh_cn: "未变动（其值为 0）", zh_tw: "未變動（其值為 0）" }
    Swing { en: "Swing", zh_cn: "波动幅度", zh_tw: "波動幅度" }
    LowLabel { en: "At −p", zh_cn: "调低时", zh_tw: "調低時" }
    HighLabel { en: "At +p", zh_cn: "调高时", zh_tw: "調高時" }
    TornadoDesc { en: "Tornado chart: for each input, a bar from the output at the low value to the output at the high value, longest first.", zh_cn: "龙卷风图：每个输入一条横条，从调低时的输出到调高时的输出，按长度排序。", zh_tw: "龍捲風圖：每個輸入一條橫條，從調低時的輸出到調高時的輸出，按長度排序。" }
    GoalSeekTitle { en: "Goal seek (break-even)", zh_cn: "目标求解（盈亏平衡）", zh_tw: "目標求解（損益平衡）" }
    GoalSeekHelp { en: "Which value of one input makes an output reach a target? The input's whole valid range is searched.", zh_cn: "某个输入取什么值时，输出能达到目标？将在该输入的整个有效范围内搜索。", zh_tw: "某個輸入取什麼值時，輸出能達到目標？將在該輸入的整個有效範圍內搜尋。" }
    GoalTarget { en: "Target", zh_cn: "目标值", zh_tw: "目標值" }
    RunGoalSeek { en: "Solve", zh_cn: "求解", zh_tw: "求解" }
    GoalFound { en: "{input} = {value} makes {output} = {achieved}.", zh_cn: "当 {input} = {value} 时，{output} = {achieved}。", zh_tw: "當 {input} = {value} 時，{output} = {achieved}。" }
    GoalUnreachable { en: "{output} cannot reach {target} anywhere in the valid range of {input}. The closest is {input} = {value}, giving {achieved}.", zh_cn: "在 {input} 的有效范围内，{output} 无法达到 {target}。最接近的是 {input} = {value}，此时为 {achieved}。", zh_tw: "在 {input} 的有效範圍內，{output} 無法達到 {target}。最接近的是 {input} = {value}，此時為 {achieved}。" }
    MonteCarloTitle { en: "Ranges (Monte Carlo)", zh_cn: "区间估计（蒙特卡洛）", zh_tw: "區間估計（蒙地卡羅）" }
    MonteCarloHelp { en: "Give uncertain inputs a range (lowest, most likely, highest). The tool draws them many times and shows the spread of the output.", zh_cn: "为不确定的输入设定区间（最低、最可能、最高），工具会反复抽样并显示输出的分布。", zh_tw: "為不確定的輸入設定區間（最低、最可能、最高），工具會反覆抽樣並顯示輸出的分布。" }
    McMin { en: "Lowest", zh_cn: "最低", zh_tw: "最低" }
    McMode { en: "Most likely", zh_cn: "最可能", zh_tw: "最可能" }
    McMax { en: "Highest", zh_cn: "最高", zh_tw: "最高" }
    McDraws { en: "Draws", zh_cn: "抽样次数", zh_tw: "抽樣次數" }
    McSeed { en: "Seed", zh_cn: "随机种子", zh_tw: "隨機種子" }
    RunMonteCarlo { en: "Run", zh_cn: "运行", zh_tw: "執行" }
    CancelLabel { en: "Cancel", zh_cn: "取消", zh_tw: "取消" }
    McProgress { en: "{done} of {total} draws", zh_cn: "已完成 {done} / {total} 次抽样", zh_tw: "已完成 {done} / {total} 次抽樣" }
    McMean { en: "Mean", zh_cn: "均值", zh_tw: "平均值" }
    McP5 { en: "P5 (1 in 20 below)", zh_cn: "P5（5% 低于此值）", zh_tw: "P5（5% 低於此值）" }
    McP50 { en: "P50 (median)", zh_cn: "P50（中位数）", zh_tw: "P50（中位數）" }
    McP95 { en: "P95 (1 in 20 above)", zh_cn: "P95（5% 高于此值）", zh_tw: "P95（5% 高於此值）" }
    McHistDesc { en: "Histogram of the output over all draws.", zh_cn: "所有抽样结果的输出直方图。", zh_tw: "所有抽樣結果的輸出直方圖。" }
    McBadRange { en: "needs lowest ≤ most likely ≤ highest", zh_cn: "需满足 最低 ≤ 最可能 ≤ 最高", zh_tw: "需滿足 最低 ≤ 最可能 ≤ 最高" }
    McNoRange { en: "Tick at least one input and give it a range.", zh_cn: "请至少勾选一个输入并设定区间。", zh_tw: "請至少勾選一個輸入並設定區間。" }
    McDrawsRange { en: "1 to 1,000,000 draws", zh_cn: "抽样次数须为 1 到 1,000,000", zh_tw: "抽樣次數須為 1 到 1,000,000" }
    McCancelled { en: "Cancelled.", zh_cn: "已取消。", zh_tw: "已取消。" }
    McSeedRange { en: "The seed must be a whole number from 0 to 9,007,199,254,740,991.", zh_cn: "随机种子须为 0 到 9,007,199,254,740,991 之间的整数。", zh_tw: "隨機種子須為 0 到 9,007,199,254,740,991 之間的整數。" }
    ToolFixSettings { en: "Fix the highlighted settings first.", zh_cn: "请先修正标出的设置。", zh_tw: "請先修正標出的設定。" }
    ToolNoParams { en: "This output cannot be solved for with the chosen input.", zh_cn: "无法用所选输入求解该输出。", zh_tw: "無法用所選輸入求解該輸出。" }
    ToolInvalidInputs { en: "Fix the highlighted inputs first: the tools work on valid inputs.", zh_cn: "请先修正标出的输入：分析工具需要有效的输入。", zh_tw: "請先修正標出的輸入：分析工具需要有效的輸入。" }
    NoticeLockedKept { en: "Inputs locked by your teacher kept their values.", zh_cn: "老师锁定的输入保留了原值。", zh_tw: "老師鎖定的輸入保留了原值。" }
    ImpNotOffered { en: "this calculator is not offered on this page", zh_cn: "本页面未提供该计算器", zh_tw: "本頁面未提供該計算器" }
    ImpAnalysis { en: "not a valid what-if analysis", zh_cn: "不是有效的假设分析设置", zh_tw: "不是有效的假設分析設定" }
    SgItemRating { en: "{item}: {which}", zh_cn: "{item}：{which}", zh_tw: "{item}：{which}" }
}

/// Replaces `{name}` placeholders in a message.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in args {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<String> {
        let mut out: Vec<String> = s
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(k, _)| k.to_string()))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn every_key_has_every_language_with_the_same_placeholders() {
        for &m in Msg::ALL {
            let en = placeholders(m.text(Lang::En));
            for lang in Lang::ALL {
                let t = m.text(lang);
                assert!(!t.trim().is_empty(), "{m:?} is empty in {lang:?}");
                assert_eq!(placeholders(t), en, "{m:?} placeholders differ in {lang:?}");
            }
        }
    }
}
