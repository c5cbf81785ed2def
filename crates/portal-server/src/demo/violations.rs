//! The violations that demo decisions are written from.
//!
//! Each is a real provision of 《中华人民共和国安全生产法》 (2021 revision) or
//! of a State Council regulation, with the article broken and the article
//! that sets the penalty, and sentences describing what inspectors found.
//! `{…}` placeholders are filled by the generator.

use portal_types::{Industry, PenaltyCategory};

/// A kind of violation and how it is punished.
pub struct Violation {
    /// 违法行为类型, as a decision names it.
    pub kind: &'static str,
    /// Industries where it is found; empty for any.
    pub industries: &'static [Industry],
    /// What the inspectors found, one sentence; see [`Details`] for placeholders.
    pub findings: &'static [&'static str],
    /// The provision broken (违反条款).
    pub violated: &'static str,
    /// The provision that sets the penalty (处罚依据), with its text.
    pub basis: &'static str,
    /// The fine range in yuan.
    pub fine_range: (u64, u64),
    /// The categories of penalty imposed.
    pub categories: &'static [PenaltyCategory],
    /// Weight when drawing a violation.
    pub weight: u32,
}

/// Choices that fill the `{…}` placeholders of findings.
pub struct Details;

impl Details {
    pub const PLACES: &'static [&'static str] = &[
        "生产车间",
        "原料仓库",
        "成品仓库",
        "配电室",
        "喷漆房",
        "锅炉房",
        "危险化学品库房",
        "液氨储罐区",
        "有限空间作业点",
        "厂区装卸区",
    ];
    pub const SPECIAL_OPERATIONS: &'static [&'static str] = &[
        "电工作业",
        "焊接与热切割作业",
        "高处作业",
        "制冷与空调作业",
        "危险化学品安全作业",
    ];
    pub const PROTECTIVE_EQUIPMENT: &'static [(&'static str, &'static str)] = &[
        ("打磨", "防尘口罩"),
        ("电焊", "焊接防护面罩和防护手套"),
        ("高处作业", "安全带"),
        ("喷漆", "防毒面具"),
        ("噪声作业", "护听器"),
    ];
    pub const EQUIPMENT: &'static [&'static str] = &[
        "可燃气体检测报警装置",
        "压力容器安全阀和压力表",
        "防爆电气设备",
        "消防应急照明和疏散指示标志",
        "除尘系统火花探测装置",
    ];
    pub const DANGEROUS_WORK: &'static [&'static str] = &["动火", "吊装", "临时用电", "有限空间"];
    pub const HAZARDS: &'static [&'static str] = &[
        "粉尘涉爆区域除尘系统未按规定设置泄爆装置",
        "有限空间作业场所未设置安全警示标识且未配备通风检测设备",
        "危险化学品仓库内物品超量储存",
        "配电箱未设置漏电保护装置",
        "脚手架连墙件缺失、剪刀撑设置不连续",
        "燃气调压间可燃气体报警装置故障",
        "熔融金属吊运区域未设置安全警戒区",
        "叉车未经定期检验继续使用",
    ];
}

/// The violations demo decisions are drawn from.
pub const VIOLATIONS: &[Violation] = &[
    Violation {
        kind: "未按照规定对从业人员进行安全生产教育和培训",
        industries: &[],
        findings: &[
            "该单位{n}名从业人员未经安全生产教育和培训合格即上岗作业，现场不能提供上述人员的培训记录和考核资料",
            "该单位新入职的{n}名从业人员未接受岗前安全生产教育和培训，不了解本岗位的危险因素和应急处置措施",
        ],
        violated: "《中华人民共和国安全生产法》第二十八条第一款",
        basis: "《中华人民共和国安全生产法》第九十七条第三项",
        fine_range: (10_000, 100_000),
        categories: &[PenaltyCategory::Fine],
        weight: 14,
    },
    Violation {
        kind: "特种作业人员未按照规定经专门的安全作业培训并取得相应资格上岗作业",
        industries: &[],
        findings: &[
            "该单位{n}名从事{operation}的人员未取得特种作业操作证即上岗作业",
            "执法人员现场发现该单位员工{person}正在从事{operation}，经查其未取得相应的特种作业操作证",
        ],
        violated: "《中华人民共和国安全生产法》第三十条第一款",
        basis: "《中华人民共和国安全生产法》第九十七条第七项",
        fine_range: (10_000, 100_000),
        categories: &[PenaltyCategory::Fine],
        weight: 12,
    },
    Violation {
        kind: "未采取措施消除事故隐患",
        industries: &[],
        findings: &[
            "执法人员于{earlier}检查时发现该单位{hazard}，当场下达《责令限期整改指令书》，要求于{deadline}前整改完毕；{date}复查时发现上述事故隐患仍未消除",
        ],
        violated: "《中华人民共和国安全生产法》第四十一条第二款",
        basis: "《中华人民共和国安全生产法》第一百零二条",
        fine_range: (10_000, 50_000),
        categories: &[PenaltyCategory::Fine],
        weight: 10,
    },
    Violation {
        kind: "未在有较大危险因素的生产经营场所和有关设施、设备上设置明显的安全警示标志",
        industries: &[],
        findings: &["该单位{place}未设置明显的安全警示标志"],
        violated: "《中华人民共和国安全生产法》第三十五条",
        basis: "《中华人民共和国安全生产法》第九十九条第一项",
        fine_range: (5_000, 50_000),
        categories: &[PenaltyCategory::Fine],
        weight: 8,
    },
    Violation {
        kind: "未为从业人员提供符合国家标准或者行业标准的劳动防护用品",
        industries: &[],
        findings: &[
            "该单位未为{post}岗位从业人员提供符合国家标准或者行业标准的{ppe}，作业人员未佩戴防护用品进行作业",
        ],
        violated: "《中华人民共和国安全生产法》第四十五条",
        basis: "《中华人民共和国安全生产法》第九十九条第五项",
        fine_range: (5_000, 50_000),
        categories: &[PenaltyCategory::Fine],
        weight: 8,
    },
    Violation {
        kind: "未对安全设备进行经常性维护、保养和定期检测",
        industries: &[],
        findings: &["该单位{equipment}未进行经常性维护、保养和定期检测，现场不能提供检测报告"],
        violated: "《中华人民共和国安全生产法》第三十六条第一款",
        basis: "《中华人民共和国安全生产法》第九十九条第三项",
        fine_range: (5_000, 50_000),
        categories: &[PenaltyCategory::Fine],
        weight: 8,
    },
    Violation {
        kind: "进行危险作业未安排专门人员进行现场安全管理",
        industries: &[],
        findings: &["该单位在{place}进行{work}作业时，未安排专门人员进行现场安全管理"],
        violated: "《中华人民共和国安全生产法》第四十三条",
        basis: "《中华人民共和国安全生产法》第一百零一条第三项",
        fine_range: (10_000, 100_000),
        categories: &[PenaltyCategory::Fine],
        weight: 8,
    },
    Violation {
        kind: "未按照规定制定生产安全事故应急救援预案或者未定期组织演练",
        industries: &[],
        findings: &[
            "该单位未按照规定制定生产安全事故应急救援预案",
            "该单位未定期组织生产安全事故应急救援预案演练，不能提供近一年的演练记录",
        ],
        violated: "《中华人民共和国安全生产法》第八十一条",
        basis: "《中华人民共和国安全生产法》第九十七条第六项",
        fine_range: (10_000, 100_000),
        categories: &[PenaltyCategory::Fine],
        weight: 7,
    },
    Violation {
        kind: "占用、锁闭、封堵生产经营场所出口、疏散通道",
        industries: &[
            Industry::CrowdedPlaces,
            Industry::IndustryAndTrade,
            Industry::CityOperations,
        ],
        findings: &[
            "该单位{place}的疏散通道被货物堵塞，安全出口被锁闭",
            "该单位经营场所的安全出口被上锁，疏散通道内堆放杂物",
        ],
        violated: "《中华人民共和国安全生产法》第四十二条第二款",
        basis: "《中华人民共和国安全生产法》第一百零五条第二项",
        fine_range: (5_000, 50_000),
        categories: &[PenaltyCategory::Fine],
        weight: 6,
    },
    Violation {
        kind: "未将事故隐患排查治理情况如实记录或者未向从业人员通报",
        industries: &[],
        findings: &["该单位未将事故隐患排查治理情况如实记录，也未向从业人员通报"],
        violated: "《中华人民共和国安全生产法》第四十一条第二款",
        basis: "《中华人民共和国安全生产法》第九十七条第五项",
        fine_range: (10_000, 100_000),
        categories: &[PenaltyCategory::Fine],
        weight: 6,
    },
    Violation {
        kind: "未按照规定设置安全生产管理机构或者配备安全生产管理人员",
        industries: &[
            Industry::HazardousChemicals,
            Industry::NonCoalMining,
            Industry::Metallurgy,
            Industry::Construction,
            Industry::Transport,
        ],
        findings: &[
            "该单位从业人员{staff}人，未按照规定设置安全生产管理机构或者配备专职安全生产管理人员",
        ],
        violated: "《中华人民共和国安全生产法》第二十四条第一款",
        basis: "《中华人民共和国安全生产法》第九十七条第一项",
        fine_range: (20_000, 100_000),
        categories: &[PenaltyCategory::Fine],
        weight: 5,
    },
    Violation {
        kind: "餐饮等行业的生产经营单位使用燃气未安装可燃气体报警装置",
        industries: &[Industry::CrowdedPlaces, Industry::CityOperations],
        findings: &["该单位后厨使用管道天然气，未安装可燃气体报警装置"],
        violated: "《中华人民共和国安全生产法》第三十六条第四款",
        basis: "《中华人民共和国安全生产法》第九十九条第八项",
        fine_range: (5_000, 30_000),
        categories: &[PenaltyCategory::Fine],
        weight: 6,
    },
    Violation {
        kind: "对重大危险源未登记建档、未进行定期检测评估监控",
        industries: &[Industry::HazardousChemicals],
        findings: &[
            "该单位构成{level}级重大危险源的储罐区未进行登记建档，未进行定期检测、评估、监控",
        ],
        violated: "《中华人民共和国安全生产法》第四十条第一款",
        basis: "《中华人民共和国安全生产法》第一百零一条第二项",
        fine_range: (30_000, 100_000),
        categories: &[PenaltyCategory::Fine],
        weight: 3,
    },
    Violation {
        kind: "逾期未改正安全生产教育和培训违法行为",
        industries: &[],
        findings: &[
            "执法人员于{earlier}责令该单位限期改正从业人员未经安全生产教育和培训上岗作业的违法行为，{date}复查时发现该单位逾期未改正",
        ],
        violated: "《中华人民共和国安全生产法》第二十八条第一款",
        basis: "《中华人民共和国安全生产法》第九十七条",
        fine_range: (100_000, 200_000),
        categories: &[PenaltyCategory::Fine, PenaltyCategory::Suspension],
        weight: 2,
    },
    Violation {
        kind: "未经许可经营烟花爆竹",
        industries: &[Industry::Fireworks],
        findings: &[
            "该单位未取得《烟花爆竹经营（零售）许可证》，在{place}存放并销售烟花爆竹{boxes}箱",
        ],
        violated: "《烟花爆竹安全管理条例》第三条",
        basis: "《烟花爆竹安全管理条例》第三十六条第一款",
        fine_range: (20_000, 100_000),
        categories: &[PenaltyCategory::Fine, PenaltyCategory::Confiscation],
        weight: 4,
    },
    Violation {
        kind: "存在重大事故隐患一年内四次受到行政处罚",
        industries: &[
            Industry::HazardousChemicals,
            Industry::NonCoalMining,
            Industry::Metallurgy,
            Industry::IndustryAndTrade,
        ],
        findings: &[
            "该单位存在{hazard}等重大事故隐患，一年内四次受到安全生产行政处罚，经停产停业整顿仍不具备安全生产条件",
        ],
        violated: "《中华人民共和国安全生产法》第二十条",
        basis: "《中华人民共和国安全生产法》第一百一十三条",
        fine_range: (0, 0),
        categories: &[PenaltyCategory::Closure, PenaltyCategory::Licence],
        weight: 1,
    },
];

/// Opening clauses of the facts (违法事实).
pub const OPENINGS: &[&str] = &[
    "{date}，{authority}执法人员依法对{party}位于{address}的生产经营场所进行安全生产执法检查，发现",
    "{date}，执法人员在对{party}开展“双随机、一公开”执法检查时发现",
    "根据群众举报线索，{date}执法人员对{party}进行现场核查，发现",
    "{date}，执法人员对{party}开展安全生产专项执法检查，发现",
];

/// Closing clauses of the facts: the evidence.
pub const EVIDENCE: &[&str] = &[
    "以上事实有现场检查记录、询问笔录、现场照片及当事人营业执照复印件等证据为证。",
    "上述违法事实有《现场检查记录》《询问笔录》、视听资料等证据证实，当事人对违法事实无异议。",
    "以上事实有现场检查记录、调查询问笔录、执法记录仪视频等证据证明，当事人在陈述申辩期内未提出异议。",
];

/// Reasons a decision was revoked.
pub const REVOCATION_REASONS: &[&str] = &[
    "经行政复议，复议机关认为原处罚决定认定事实不清、证据不足，决定予以撤销。",
    "当事人提起行政诉讼，人民法院判决撤销该行政处罚决定。",
    "经本机关复核，原处罚决定适用法律依据错误，依法予以撤销。",
];
