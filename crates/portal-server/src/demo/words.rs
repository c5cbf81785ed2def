//! Word lists the demo generator draws from.

use portal_types::{District, Industry};

pub const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
    "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "范", "金", "石", "贾", "付", "方", "白",
    "孟", "秦", "尹", "薛", "闫", "段", "侯", "史", "毛", "郝", "邵", "孔", "武",
];

pub const GIVEN_NAME_CHARACTERS: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "英", "华", "建", "国", "志", "红", "文", "玉", "兰", "海", "峰",
    "斌", "鹏", "辉", "宁", "波", "鑫", "浩", "宇", "凯", "晨", "欣", "雪", "琳", "婷", "亮", "成",
    "民", "东", "庆", "春", "永", "福", "德", "新", "利", "山", "林", "振", "家", "金", "瑞", "广",
    "彬", "燕", "萍",
];

/// Characters of trade names (字号); two are drawn for each enterprise.
pub const TRADE_NAME_CHARACTERS: &[&str] = &[
    "鑫", "泰", "恒", "达", "华", "瑞", "金", "鼎", "宏", "远", "和", "丰", "中", "润", "鲁", "信",
    "齐", "泉", "诚", "安", "通", "盛", "隆", "昌", "兴", "源", "祥", "顺", "正", "启", "凯", "天",
    "宇", "佳", "博", "科", "创", "益", "永", "联", "汇", "众", "嘉", "德", "晟", "弘", "海", "峰",
    "航", "力", "新", "明", "光", "辉", "荣", "耀", "坤", "乾", "元", "浩", "信", "成", "立", "东",
    "方", "同", "亿", "万", "景", "山", "川", "岳", "舜", "禹",
];

/// What an enterprise of an industry calls its line of business.
pub fn business_words(industry: Industry) -> &'static [&'static str] {
    match industry {
        Industry::HazardousChemicals => &[
            "化工",
            "精细化工",
            "石化",
            "化学品",
            "气体",
            "新材料",
            "涂料",
        ],
        Industry::NonCoalMining => &["矿业", "石料", "建材", "砂石"],
        Industry::Fireworks => &["烟花爆竹", "花炮"],
        Industry::Construction => &[
            "建设工程",
            "建筑工程",
            "建筑安装工程",
            "市政工程",
            "路桥工程",
        ],
        Industry::Transport => &["物流", "运输", "危险货物运输", "汽车运输", "货运"],
        Industry::Metallurgy => &["钢铁", "金属制品", "铸造", "冶金", "铝业", "特钢"],
        Industry::CivilExplosives => &["民爆器材", "爆破工程"],
        Industry::IndustryAndTrade => &[
            "机械制造",
            "食品",
            "纺织",
            "五金制品",
            "木业",
            "家具",
            "塑料制品",
            "包装",
            "粮油",
            "汽车配件",
            "电子科技",
        ],
        Industry::CityOperations => &["燃气", "物业管理", "电梯工程", "游乐设备", "热力", "供水"],
        Industry::CrowdedPlaces => &[
            "商贸",
            "酒店管理",
            "餐饮管理",
            "商业管理",
            "文化娱乐",
            "百货",
        ],
    }
}

/// Shops of individual businesses (个体工商户), by industry.
pub fn shop_words(industry: Industry) -> &'static [&'static str] {
    match industry {
        Industry::Fireworks => &["烟花爆竹经营部", "花炮零售点"],
        Industry::CrowdedPlaces => &["饭店", "小吃店", "火锅店", "烧烤店", "超市"],
        Industry::CityOperations => &["液化气站", "燃气具经营部"],
        Industry::Transport => &["货运部"],
        _ => &["加工厂", "五金店", "汽修厂", "木器加工厂"],
    }
}

pub const ROADS: &[&str] = &[
    "经十路",
    "历山路",
    "工业南路",
    "旅游路",
    "二环东路",
    "北园大街",
    "经七路",
    "纬二路",
    "济泺路",
    "世纪大道",
    "凤鸣路",
    "汇源大街",
    "工业北路",
    "经一路",
    "英雄山路",
    "舜华路",
    "新泺大街",
    "腊山河西路",
    "无影山中路",
    "清河北路",
    "机场路",
    "唐冶中路",
    "明水大道",
    "崇华路",
];

/// The short form of a district's name used in decision numbers (济历下应急罚…).
pub fn district_abbreviation(district: District) -> &'static str {
    match district {
        District::Lixia => "历下",
        District::Shizhong => "市中",
        District::Huaiyin => "槐荫",
        District::Tianqiao => "天桥",
        District::Licheng => "历城",
        District::Changqing => "长清",
        District::Zhangqiu => "章丘",
        District::Jiyang => "济阳",
        District::Laiwu => "莱芜",
        District::Gangcheng => "钢城",
        District::Pingyin => "平阴",
        District::Shanghe => "商河",
        District::HighTech => "高新",
        District::SouthernMountains => "南山",
        District::StartingArea => "起步",
    }
}

/// The body that enforces work safety in a district.
pub fn district_authority(district: District) -> String {
    match district {
        District::HighTech => "济南高新技术产业开发区管理委员会".to_owned(),
        District::SouthernMountains => "济南市南部山区管理委员会".to_owned(),
        District::StartingArea => "济南新旧动能转换起步区管理委员会".to_owned(),
        other => format!("济南市{}应急管理局", other.name_zh()),
    }
}

/// The people's government of a district (which orders closures).
pub fn district_government(district: District) -> String {
    match district {
        District::HighTech | District::SouthernMountains | District::StartingArea => {
            "济南市人民政府".to_owned()
        }
        other => format!("济南市{}人民政府", other.name_zh()),
    }
}

pub const CITY_AUTHORITY: &str = "济南市应急管理局";
