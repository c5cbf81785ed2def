//! Demo typical cases, listed major hazards and accident reports.
//!
//! Written after the decisions and the directory, from them: each case cites
//! real demo decisions, each listing names a directory enterprise. The
//! records go through the same store methods as the editors' (so they are
//! checked and audited alike, by the actor `system:demo`).

use chrono::{Datelike, Days, Months, NaiveDate};
use portal_store::Store;
use portal_store::enforcement::Write;
use portal_store::staff::{Actor, Audit};
use portal_types::enforcement::{
    AccidentGrade, AccidentInput, AssessmentInput, ExposedCaseInput, HazardStatus, ListingInput,
    Sections, StepInput,
};
use portal_types::money::format_fen;
use portal_types::{District, Industry};

use super::words;
pub use portal_store::records::CaseCandidate;

/// Loads the demo enforcement records unless they are there.
pub async fn load_if_missing(store: &Store, today: NaiveDate) -> anyhow::Result<()> {
    if !store.demo_enforcement_missing().await? {
        return Ok(());
    }
    let actor = Actor("system:demo".to_owned());
    let audit = |action: &'static str| Audit {
        actor: &actor,
        action,
        target: String::new(),
        before: None,
        after: None,
    };
    for candidate in store.demo_case_candidates(today).await? {
        let input = case(&candidate, today);
        check(
            store
                .save_typical_case(None, &input, audit("demo.load"))
                .await?,
        )?;
    }
    let enterprises = store.demo_listing_candidates(40).await?;
    for (index, (code, industry, district)) in enterprises.iter().enumerate() {
        let (mut input, steps) = listing(index, *industry, *district, today);
        input.credit_code.clone_from(code);
        let id = check(
            store
                .save_hazard_listing(None, code, &input, audit("demo.load"))
                .await?,
        )?;
        for step in steps {
            check(
                store
                    .add_hazard_listing_step(id, &step, today, audit("demo.load"))
                    .await?,
            )?;
        }
    }
    for (index, template) in ACCIDENTS.iter().enumerate() {
        let (input, assessment, correction) = accident(index, template, today);
        let (id, _) = check(
            store
                .save_accident_report(None, &input, audit("demo.load"))
                .await?,
        )?;
        if let Some(note) = correction {
            let mut corrected = input.clone();
            corrected.sections.measures.push_str(
                "\n\n（五）建立事故整改“回头看”制度，事故发生单位每季度向属地应急管理部门报告整改落实情况。",
            );
            corrected.change_note = note.to_owned();
            check(
                store
                    .save_accident_report(Some(id), &corrected, audit("demo.load"))
                    .await?,
            )?;
        }
        if let Some(assessment) = assessment {
            check(
                store
                    .save_assessment(id, &assessment, today, audit("demo.load"))
                    .await?,
            )?;
        }
    }
    store.mark_demo_enforcement_loaded().await?;
    Ok(())
}

fn check<T>(write: Write<T>) -> anyhow::Result<T> {
    match write {
        Write::Done(value) => Ok(value),
        Write::NotFound => anyhow::bail!("a demo record vanished while it was written"),
        Write::Refused(errors) => anyhow::bail!("a demo record was refused: {errors:?}"),
    }
}

fn lesson(industry: Industry) -> &'static str {
    match industry {
        Industry::HazardousChemicals => {
            "危险化学品企业要把重大危险源包保责任落实到人，特殊作业严格执行审批和现场监护，安全仪表系统不得擅自摘除或旁路。"
        }
        Industry::NonCoalMining => {
            "非煤矿山必须按设计开采，边坡和采空区要定期监测，严禁以包代管、超层越界开采。"
        }
        Industry::Fireworks => {
            "烟花爆竹生产经营必须严格执行定员定量，药物不得超量存放，严禁在非指定场所储存。"
        }
        Industry::Construction => {
            "危险性较大的分部分项工程必须编制专项方案并经论证，高处作业要做到临边洞口防护到位、作业人员持证上岗。"
        }
        Industry::Transport => {
            "运输企业要用好动态监控，及时纠正超速和疲劳驾驶，危险货物运输必须由取得资格的驾驶员和押运员承担。"
        }
        Industry::Metallurgy => {
            "冶金企业对高温熔融金属吊运、煤气区域作业要严格执行专项管理，安全设施必须与主体工程同时投入使用。"
        }
        Industry::CivilExplosives => {
            "民用爆炸物品要做到账物相符、双人双锁，爆破作业人员必须持证上岗，严禁超量储存。"
        }
        Industry::IndustryAndTrade => {
            "工贸企业要重点管好有限空间、粉尘涉爆和液氨制冷，作业前必须审批、检测和通风，严禁盲目施救。"
        }
        Industry::CityOperations => {
            "城镇燃气和特种设备使用单位要落实定期检验和日常巡查，发现隐患立即停用并整改。"
        }
        Industry::CrowdedPlaces => {
            "人员密集场所必须保持疏散通道和安全出口畅通，消防设施完好有效，员工会报警、会疏散。"
        }
    }
}

fn case(c: &CaseCandidate, today: NaiveDate) -> ExposedCaseInput {
    let published_on = (c.decided_on + Days::new(20)).min(today);
    let fine = format_fen(c.fine_fen);
    ExposedCaseInput {
        title: format!("{}{}被处罚", c.party_name, c.violation_type),
        industry: c.industry,
        district: c.district,
        published_on,
        summary: format!(
            "{}{}，{}依法作出行政处罚，罚款{}元。",
            c.party_name, c.violation_type, c.authority, fine
        ),
        body: format!(
            "【基本案情】{}\n\n【处罚情况】{}依据有关规定，于{}作出行政处罚决定（{}），对该单位罚款{}元。\n\n【原因分析】本案暴露出企业安全生产主体责任不落实、隐患排查治理流于形式等问题。同类企业要举一反三，立即开展自查自改。",
            c.facts,
            c.authority,
            super::chinese_date(c.decided_on),
            c.decision_no,
            fine
        ),
        lesson: lesson(c.industry).to_owned(),
        provisions: c.violated_provisions.clone(),
        decision_ids: vec![c.id],
    }
}

/// Hazards of the kind that are put under listed supervision, by industry.
fn hazards(industry: Industry) -> &'static [(&'static str, &'static str)] {
    match industry {
        Industry::HazardousChemicals => &[
            (
                "涉及重点监管危险化工工艺的装置未实现自动化控制",
                "企业氯化工艺装置未按要求设置自动化控制系统，紧急停车系统未投用，构成《化工和危险化学品生产经营单位重大生产安全事故隐患判定标准》规定的重大事故隐患。",
            ),
            (
                "构成一级、二级重大危险源的罐区未设置紧急切断装置",
                "企业液化烃储罐区构成二级重大危险源，储罐进出口管道未设置紧急切断装置，可燃气体检测报警未接入控制系统。",
            ),
        ],
        Industry::NonCoalMining => &[(
            "露天采场边坡未按设计台阶开采，形成高陡边坡",
            "采场最终边坡角超过设计值，未按设计留设安全平台和清扫平台，边坡监测系统未运行。",
        )],
        Industry::Metallurgy => &[(
            "吊运熔融金属的起重机不符合冶金起重机要求",
            "炼钢车间吊运钢水的起重机未采用冶金铸造起重机，未设置两套制动器，构成冶金企业重大事故隐患。",
        )],
        Industry::IndustryAndTrade => &[
            (
                "粉尘爆炸危险场所设置在非框架结构多层建筑内",
                "铝镁粉尘打磨车间设置在砖混结构多层建筑内，除尘系统未采用防爆型设备且未设置泄爆装置。",
            ),
            (
                "液氨制冷车间设在人员密集的加工车间内",
                "企业液氨制冷机房与速冻加工车间未有效隔离，包装间、分割间内有人员作业，氨气检测报警装置失效。",
            ),
        ],
        Industry::Construction => &[(
            "深基坑工程未按专项方案施工且未进行监测",
            "项目深基坑开挖深度达9米，未按经论证的专项施工方案分层开挖支护，基坑变形监测中断。",
        )],
        Industry::CityOperations => &[(
            "燃气管道被违章占压且存在泄漏风险",
            "中压燃气管道上方违规搭建构筑物，管道无法巡检，周边检测到燃气浓度异常。",
        )],
        Industry::CrowdedPlaces => &[(
            "安全出口被封堵、疏散通道被占用",
            "经营场所两处安全出口被锁闭，疏散通道堆放货物，自动喷水灭火系统处于关闭状态。",
        )],
        Industry::Fireworks | Industry::CivilExplosives | Industry::Transport => &[(
            "危险物品储存仓库超量储存",
            "企业仓库实际储存量超过核定储量，库房防雷设施检测不合格，未设置视频监控。",
        )],
    }
}

/// The demo listing `index` of an enterprise, and the steps it took since.
fn listing(
    index: usize,
    industry: Industry,
    district: District,
    today: NaiveDate,
) -> (ListingInput, Vec<StepInput>) {
    let choices = hazards(industry);
    let (hazard, description) = choices[index % choices.len()];
    // Spread over the last two years, newest first.
    let days_ago = 20 + (index as u64 * 547 % 700);
    let listed_on = today - Days::new(days_ago);
    let deadline = listed_on + Days::new(90 + (index as u64 % 4) * 30);
    let city = index.is_multiple_of(3);
    let authority = if city {
        words::CITY_AUTHORITY.to_owned()
    } else {
        words::district_authority(district)
    };
    let input = ListingInput {
        credit_code: String::new(),
        hazard: hazard.to_owned(),
        description: description.to_owned(),
        requirements: "企业主要负责人对整改负总责，制定整改方案，落实整改措施、责任、资金、时限和预案；整改期间采取可靠的安全防范措施，不能保证安全的停产停用；整改完成后申请验收。".to_owned(),
        authority,
        listed_on,
        deadline,
    };
    // Every fifth listing is still open past its deadline; the others move
    // along as time allows.
    let mut steps = Vec::new();
    let stuck = index % 5 == 2;
    let elapsed = today - listed_on;
    let step_on = |days: u64| (listed_on + Days::new(days)).min(today);
    if elapsed.num_days() > 10 {
        steps.push(StepInput {
            status: HazardStatus::Rectifying,
            on: step_on(10),
            note: "企业制定整改方案并报督办部门备案，整改期间相关装置（区域）停止使用。".to_owned(),
        });
    }
    if !stuck && elapsed.num_days() > 80 {
        let accepted = step_on(75 + (index as u64 % 3) * 10);
        steps.push(StepInput {
            status: HazardStatus::Accepted,
            on: accepted,
            note: "督办部门组织专家现场核查，整改措施落实到位，验收通过。".to_owned(),
        });
        if elapsed.num_days() > 100 && index.is_multiple_of(2) {
            steps.push(StepInput {
                status: HazardStatus::Delisted,
                on: (accepted + Days::new(15)).min(today),
                note: "经公示无异议，解除挂牌督办。".to_owned(),
            });
        }
    }
    (input, steps)
}

/// A written accident report of the demo.
struct AccidentTemplate {
    title: &'static str,
    days_ago: u64,
    district: District,
    industry: Industry,
    grade: AccidentGrade,
    deaths: u32,
    injuries: u32,
    loss_yuan: u64,
    sections: [&'static str; 6],
}

const ACCIDENTS: &[AccidentTemplate] = &[
    AccidentTemplate {
        title: "某食品有限公司“{md}”较大中毒和窒息事故调查报告",
        days_ago: 620,
        district: District::Licheng,
        industry: Industry::IndustryAndTrade,
        grade: AccidentGrade::Larger,
        deaths: 3,
        injuries: 1,
        loss_yuan: 4_860_000,
        sections: [
            "{date}9时许，公司污水处理站一名员工进入调节池清理淤泥时晕倒，另外两名员工未佩戴防护用品相继进入施救，均晕倒在池内。\n\n事故造成3人死亡、1人受伤，直接经济损失486万元。",
            "直接原因：作业人员在未办理有限空间作业审批、未进行通风和气体检测的情况下进入调节池作业，池内积聚的硫化氢导致中毒；其他人员盲目施救致使伤亡扩大。",
            "经检测，调节池内硫化氢浓度最高达到每立方米二百毫克以上，远超职业接触限值。池内未设置强制通风设施，现场未配备正压式空气呼吸器。",
            "企业未建立有限空间作业审批制度，未辨识污水池等有限空间，未对员工开展有限空间作业专项培训和应急演练；主要负责人未履行组织制定并实施本单位安全生产规章制度和操作规程的职责。",
            "公司主要负责人涉嫌重大责任事故罪，移送司法机关处理；对公司依据《中华人民共和国安全生产法》第一百一十四条处以罚款；对安全管理人员给予处罚；建议对属地监管部门有关人员进行问责。",
            "（一）全面辨识有限空间，设置警示标识，建立台账。\n\n（二）严格执行“先通风、再检测、后作业”，未经审批不得作业。\n\n（三）配备气体检测报警仪、呼吸器等防护和救援装备，定期组织演练，严禁盲目施救。\n\n（四）在全市工贸行业开展有限空间作业专项整治。",
        ],
    },
    AccidentTemplate {
        title: "某建设工程有限公司“{md}”高处坠落事故调查报告",
        days_ago: 420,
        district: District::Tianqiao,
        industry: Industry::Construction,
        grade: AccidentGrade::General,
        deaths: 1,
        injuries: 0,
        loss_yuan: 1_350_000,
        sections: [
            "{date}15时30分许，某住宅项目7号楼施工中，一名架子工在拆除18层悬挑脚手架时，从作业层坠落至地面，经抢救无效死亡。",
            "直接原因：作业人员在高处作业时未系挂安全带，拆除顺序违反专项方案，脚手板松动后失稳坠落。",
            "悬挑脚手架拆除前未进行安全技术交底，连墙件提前拆除，作业层未设置水平安全网。",
            "施工单位项目部安全管理人员未到岗履职，对作业人员未正确使用防护用品的行为未予制止；监理单位未对危险性较大的分部分项工程实施专项巡视检查。",
            "对施工单位依法处以罚款；对项目经理、专职安全员依法处罚；责成监理单位对总监理工程师作出处理。",
            "（一）危险性较大的分部分项工程严格按专项方案施工，拆除作业实行旁站监督。\n\n（二）高处作业人员必须持证上岗，正确使用安全带。\n\n（三）监理单位落实专项巡视检查责任。",
        ],
    },
    AccidentTemplate {
        title: "某化工有限公司“{md}”火灾事故调查报告",
        days_ago: 250,
        district: District::Zhangqiu,
        industry: Industry::HazardousChemicals,
        grade: AccidentGrade::General,
        deaths: 0,
        injuries: 2,
        loss_yuan: 2_100_000,
        sections: [
            "{date}10时许，公司罐区外输泵检修过程中，作业人员在未进行置换和气体分析的情况下动火，泵体残留物料遇火花起火，造成2人烧伤。",
            "直接原因：检修人员违规实施动火作业，管线内残留易燃液体未清除干净。",
            "现场动火点与物料管线未进行有效隔离，盲板未加装；可燃气体检测仪未校准。",
            "企业特殊作业审批流于形式，动火作业票由作业人员代签；承包商管理缺失，未对外来检修人员进行安全培训。",
            "对企业依法处以罚款；对企业分管安全负责人、设备主任给予处罚；企业对相关责任人员内部处理。",
            "（一）严格执行《危险化学品企业特殊作业安全规范》，动火前必须置换、隔离和分析。\n\n（二）加强承包商准入和培训管理。\n\n（三）开展特殊作业专项检查。",
        ],
    },
];

fn accident(
    index: usize,
    t: &AccidentTemplate,
    today: NaiveDate,
) -> (AccidentInput, Option<AssessmentInput>, Option<&'static str>) {
    let occurred_on = today - Days::new(t.days_ago);
    let published_on = (occurred_on + Days::new(110)).min(today);
    let [
        accident,
        causes,
        technical,
        management,
        responsibility,
        measures,
    ] = t.sections;
    // The accident's name and story carry its date (“3·14”, 3月14日).
    let (month, day) = (occurred_on.month(), occurred_on.day());
    let title = t.title.replace("{md}", &format!("{month}·{day}"));
    let accident = accident.replace("{date}", &format!("{month}月{day}日"));
    let group = format!(
        "{}事故调查组",
        if t.grade == AccidentGrade::Larger {
            "济南市人民政府".to_owned()
        } else {
            words::district_government(t.district)
        }
    );
    let input = AccidentInput {
        title,
        occurred_on,
        district: t.district,
        industry: t.industry,
        grade: t.grade,
        deaths: t.deaths,
        injuries: t.injuries,
        direct_loss_yuan: t.loss_yuan,
        investigated_by: group,
        published_on,
        sections: Sections {
            accident,
            causes: causes.to_owned(),
            technical: technical.to_owned(),
            management: management.to_owned(),
            responsibility: responsibility.to_owned(),
            measures: measures.to_owned(),
        },
        change_note: String::new(),
    };
    // Reports published more than ten months ago have their assessment.
    let assessment = (published_on + Months::new(10) <= today).then(|| AssessmentInput {
        assessed_on: published_on + Months::new(10),
        authority: words::CITY_AUTHORITY.to_owned(),
        findings: "评估组查阅了事故发生单位整改台账，现场核查了整改措施落实情况。\n\n事故调查报告提出的防范和整改措施已全部落实；对有关责任人员的处理建议已执行完毕。属地政府组织开展了同类企业专项整治。".to_owned(),
        conclusion: "整改措施落实到位，评估合格。".to_owned(),
    });
    let correction = (index == 0).then_some("补充第（五）项整改措施（原文遗漏），其余内容不变");
    (input, assessment, correction)
}
