//! English.

use super::{
    BlacklistStrings, DecisionStrings, EducationStrings, EnforcementStrings, OverviewStrings,
    ReportStrings, StaffStrings, Strings, group_digits,
};

pub static STRINGS: Strings = Strings {
    site_name: "Jinan Work Safety Public Portal",
    site_owner: "Jinan Emergency Management Bureau",
    skip_to_content: "Skip to main content",
    main_navigation: "Main navigation",
    nav_home: "Home",
    nav_enforcement: "Enforcement",
    nav_report: "Report a hazard",
    nav_education: "Safety education",
    nav_blacklist: "Blacklist check",
    language_switch: "中文",
    language_switch_label: "切换到中文",
    large_text: "Large text",
    demo_banner: "Demonstration site: the enterprises, decisions and listings shown here are generated demo data, not real records.",

    footer_hotline: "Work safety hotline 12350",
    footer_hotline_detail: "Call at any time to report a hazard or illegal production.",
    footer_api: "Open data API",
    footer_owner: "Run by the Jinan Emergency Management Bureau",
    footer_note: "Built under the Work Safety Law of the PRC, the Shandong Work Safety Regulations and the rules of Jinan.",

    loading: "Loading…",
    retry: "Try again",
    error_network: "Cannot reach the server. Check your connection and try again.",
    error_server: "The server cannot handle the request right now. Please try again shortly.",

    home_lead: "Read the city's published work-safety penalties and cases, report a hazard near you, check whether an enterprise is on the blacklist, and learn how to stay safe.",
    legal_basis_heading: "Legal basis",
    report_basis: "Work Safety Law of the PRC, Articles 74 and 76; Measures for Rewarding Work Safety Reports (2018).",
    breadcrumbs: "You are here",
    print: "Print",
    date: |d| {
        use chrono::Datelike;
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let month = MONTHS.get(d.month0() as usize).copied().unwrap_or_default();
        format!("{} {month} {}", d.day(), d.year())
    },
    money: |fen| format!("¥{}", portal_types::money::format_fen(fen)),

    not_found_title: "Page not found",
    not_found_text: "The page you asked for does not exist. It may have moved, or the address may be mistyped.",
    not_found_home: "Go to the home page",
};

/// The text of the other enforcement pages.
pub static ENFORCEMENT: EnforcementStrings = EnforcementStrings {
    cases_title: "Exposed cases",
    cases_intro: "Typical work-safety violations made public. Each case links to the penalty decisions behind it and to a page on the rule it broke.",
    industry: "Industry",
    all_industries: "All industries",
    district: "District",
    all_districts: "All districts",
    year: "Year published",
    all_years: "All years",
    filter: "Filter",
    filters: "Filters",
    cases_count: |n| format!("{n} cases"),
    no_cases: "No case matches.",
    published_on: "Published",
    case_story: "The case",
    case_lesson: "The lesson",
    case_rules: "Rules broken",
    case_decisions: "Penalty decisions",
    out_of_view: "past its disclosure period, no longer public",
    fine: "Fine",
    case_missing: "There is no such case. Check the address or go back to the list.",

    listings_title: "Major hazards under listed supervision",
    listings_intro: "Every step of listed supervision in public: listed, rectifying, accepted, delisted. A hazard still open after its deadline is flagged overdue.",
    status: "Status",
    all_statuses: "All statuses",
    overdue_only: "Overdue only",
    overdue: "Overdue",
    listings_count: |n| format!("{n} listings"),
    overdue_count: |n| format!("{n} overdue now"),
    no_listings: "No listing matches.",
    enterprise: "Enterprise",
    hazard: "Major hazard",
    authority: "Supervising authority",
    listed_on: "Listed on",
    deadline: "Rectification deadline",
    hazard_description: "The hazard",
    requirements: "What must be done",
    steps: "Progress",
    listing_missing: "There is no such listing. Check the address or go back to the list.",
    enterprise_listings: "Major hazards under listed supervision",
    no_enterprise_listings: "No major hazard of this enterprise is under listed supervision.",

    accidents_title: "Accident investigation reports",
    accidents_intro: "Accident investigation reports in full, with a public record of every change, and the assessment of the measures taken within a year of publication.",
    grade: "Grade",
    all_grades: "All grades",
    occurred_on: "Date of the accident",
    casualties_label: "Casualties",
    casualties: |deaths, injuries| format!("{deaths} dead, {injuries} injured"),
    direct_loss: "Direct economic loss",
    investigated_by: "Investigated by",
    no_accidents: "No report matches.",
    contents: "Contents",
    old_version: |shown, latest| {
        format!("You are reading version {shown}; the latest is version {latest}.")
    },
    read_latest: "Read the latest version",
    history: "Public record of changes",
    version: |v| format!("Version {v}"),
    current_version: " (shown)",
    assessment: "Assessment of the corrective measures",
    assessed: "Assessed",
    assessment_due: |date| format!("Not published yet; due by {date}."),
    assessed_on: "Assessed on",
    assessment_by: "Assessed by",
    conclusion: "Conclusion",
    accident_missing: "There is no such report (or version). Check the address or go back to the list.",

    statistics_title: "Statistics",
    statistics_intro: "Figures of enforcement, hazard reports and listed supervision in the city. Every chart can be read as a table and downloaded as CSV. Decisions are counted while in public view.",
    statistics_as_of: |date| format!("As of {date}"),
    show_table: "Show as a table",
    show_chart: "Show as a chart",
    download_csv: "Download CSV",
    month: "Month",
    series: |s| match s {
        "decisions" => "Decisions",
        "fines_fen" => "Fines (yuan)",
        "received" => "Reports received",
        "substantiated" => "Substantiated",
        "open" => "Open",
        "overdue" => "Overdue",
        _ => "Value",
    },
    no_data: "no figures yet",
    chart_summary: |top, value| format!("Highest: {top}, {value}"),

    staff_title: "Enforcement records",
    staff_intro: "Publish and correct exposed cases, listed major hazards and accident reports. Every change is audited; changes of accident reports are also shown in their public record of changes.",
    new_case: "Publish an exposed case",
    new_listing: "List a major hazard",
    new_accident: "Publish an accident report",
    edit: "Edit",
    save: "Save",
    saved: "Saved.",
    view_public: "View the public page",
    title: "Title",
    summary: "Summary",
    body_hint: "Leave a blank line between paragraphs.",
    provisions: "Rules broken",
    provisions_hint: "Name the law in 《》 and the article, as 《中华人民共和国安全生产法》第二十八条.",
    decision_ids: "Penalty decision numbers",
    decision_ids_hint: "The number at the end of a decision page's address; separate several with commas.",
    credit_code: "Enterprise's credit code",
    next_step: "Next step",
    step_recorded: "Recorded",
    step_on: "Date",
    step_note: "Note (public)",
    add_step: "Record this step",
    listing_closed: "Delisted: supervision is over.",
    deaths: "Deaths",
    injuries: "Injuries",
    loss_yuan: "Direct economic loss (yuan)",
    change_note: "What changed (public)",
    change_note_hint: "Say what changed and why; it is shown in the report's public record of changes.",
    save_assessment: "Publish the assessment",
    date_needed: "enter a date",
    not_a_decision_id: |s| {
        format!(
            "“{s}” is not a decision number: use the number at the end of the decision's address"
        )
    },
    number_needed: "enter a whole number, 0 or more",
    findings: "Findings",
};

/// The text of the decisions pages.
pub static DECISIONS: DecisionStrings = DecisionStrings {
    title: "Penalty decisions",
    intro: "Work-safety penalty decisions on public record. Decisions leave public view when their disclosure period ends; revoked decisions say why.",
    search_label: "Search decisions",
    search_hint: "Enter an enterprise name, a credit code, a decision number or words from the facts; separate words with spaces.",
    search_button: "Search",
    filters: "Filters",
    district: "District",
    industry: "Industry",
    category: "Penalty",
    authority: "Authority",
    year: "Year",
    year_value: |y| y.to_string(),
    fine_range: "Fine (yuan)",
    minimum: "Minimum",
    maximum: "Maximum",
    date_range: "Decision date",
    date_from: "From",
    date_to: "To",
    apply: "Apply",
    clear_all: "Clear all filters",
    result_count: |n| {
        if n == 1 {
            "1 decision".to_owned()
        } else {
            format!("{} decisions", group_digits(n))
        }
    },
    sort: "Sort by",
    sort_newest: "Newest first",
    sort_oldest: "Oldest first",
    sort_fine_desc: "Largest fine first",
    sort_fine_asc: "Smallest fine first",
    export_csv: "Export CSV",
    export_json: "Export JSON",
    feed: "Atom feed",
    no_results: "No decision matches.",
    no_results_hint: "Check the words you entered, or remove some filters.",
    invalid_link: "The search in this link is invalid; please correct it:",
    revoked: "Revoked",
    amended: "Corrected",
    pagination: "Pages",
    previous: "Previous",
    next: "Next",
    page: |n| format!("Page {n}"),
    decision_no: "Decision number",
    party_name: "Party",
    credit_code: "Unified Social Credit Code",
    legal_representative: "Legal representative",
    violation_type: "Violation",
    facts: "Facts",
    violated_provisions: "Provisions violated",
    legal_basis: "Legal basis for the penalty",
    penalty_categories: "Penalty categories",
    penalty_content: "Penalty",
    fine: "Fine",
    confiscated: "Confiscated gains or property",
    decided_on: "Date of decision",
    disclosure_until: "Public until",
    status: "Status",
    in_force: "In force",
    version: "Version",
    published_at: "Published",
    revoked_notice: |date| format!("This decision was revoked on {date}."),
    revocation_reason: "Reason for revocation",
    amended_notice: |date, v| {
        format!("This decision was corrected on {date}; this is version {v}.")
    },
    amendment_reason: "Reason for correction",
    before: "Before",
    after: "After",
    permalink: "Permanent address of this page",
    gone_title: "No longer on public record",
    gone_text: "The disclosure period of this penalty decision has ended, so it is no longer published.",
    missing_title: "Decision not found",
    missing_text: "No penalty decision has the number in this address. Check that the address is complete.",
    back_to_list: "Back to the list of decisions",
    none: "None",
};

/// The text of the report pages.
pub static REPORT: ReportStrings = ReportStrings {
    start_title: "Report a work-safety hazard",
    start_lead: "Report a hazard, or a business operating illegally. It takes about two minutes, and works on a phone.",
    start_points: &[
        "You can report anonymously; a named report that proves true can earn a reward.",
        "What you type is saved in this browser as you go: a reload or a lost connection loses nothing.",
        "You get a reference number and a query code to follow your report and read the replies.",
        "If anyone is hurt or in danger now, call 119 or 120 first.",
    ],
    start_button: "Start",
    resume_notice: "You have a report you have not sent yet.",
    resume_button: "Continue it",
    discard_button: "Discard it and start again",
    step_of: |n, total| format!("Step {n} of {total}"),
    continue_button: "Continue",
    back: "Back",
    error_summary_title: "There is a problem",
    draft_saved: "Draft saved on this device",

    what_title: "What kind of hazard is it?",
    what_hint: "Choose the closest. If unsure, choose Something else.",
    category_required: "Choose what kind of hazard it is",

    where_title: "Where is it?",
    district_label: "District",
    district_required: "Choose the district",
    choose: "Choose",
    address_label: "Address",
    address_hint: "For example: 3rd floor, east staircase, 100 Jingshi Road",
    address_required: "Enter the address of the hazard",
    use_location: "Use my current location (optional)",
    locating: "Finding your location…",
    location_added: |lat, lon| {
        format!(
            "Location added: {} N, {} E",
            super::degrees(lat),
            super::degrees(lon)
        )
    },
    location_failed: "Your location could not be found. Enter the address instead; you can still send the report.",
    remove_location: "Do not use my location",

    enterprise_title: "Which business is it?",
    enterprise_hint: "Type part of its name or its credit code and pick it from the list. If it is not listed, type its name. You can skip this if you do not know.",
    enterprise_search_label: "Business name or Unified Social Credit Code",
    enterprise_results: |n| {
        if n == 1 {
            "1 business found".to_owned()
        } else {
            format!("{n} businesses found")
        }
    },
    enterprise_none_found: "No business matches; you can type its name below.",
    enterprise_not_listed: "It is not listed; type its name",
    enterprise_name_label: "Business name",
    enterprise_unknown: "I do not know which business",
    enterprise_chosen: "Chosen",
    enterprise_not_chosen: "You typed in the search box but chose no business: pick one of the results, or choose “It is not listed; type its name”; if you do not know which business it is, clear the search box",
    change_enterprise: "Change",
    recent_reports: |n| {
        format!(
            "This business was reported {n} times in the last 30 days. If it is the same matter you need not report it again, but you still can."
        )
    },

    when_title: "When did you see it?",
    when_label: "Date and time",
    when_hint: "Roughly is fine.",
    when_required: "Enter when you saw it",

    description_title: "What did you see?",
    description_label: "Description",
    description_hint: "Say exactly where, what the hazard or violation is, who and what equipment is involved, and how long it has been going on.",
    characters_left: |n| format!("{n} characters left"),
    characters_over: |n| format!("{n} characters too many"),

    photos_title: "Add photos (optional)",
    photos_hint: "Up to 6 photos, JPEG, PNG or WebP, 10 MB each at most. Where and with what device they were taken is removed on the server.",
    photos_add: "Choose photos",
    photos_uploading: "Uploading",
    photos_remove: |n| format!("Remove photo {n}"),
    photo_alt: |n| format!("Photo {n}"),
    photo_kept: "Uploaded (no preview after a reload)",
    photo_too_big: |name| format!("{name} is larger than 10 MB; choose a smaller photo"),
    photo_wrong_type: |name| format!("{name} is not a JPEG, PNG or WebP photo"),
    photo_too_many_pixels: |name| {
        format!("{name} has too many pixels to process; make it smaller and try again")
    },
    photo_too_many: "You can add 6 photos at most",
    photo_failed: |name| format!("{name} could not be uploaded; try again"),
    photos_count: |n| {
        if n == 0 {
            "None".to_owned()
        } else {
            n.to_string()
        }
    },

    who_title: "How do you want to report?",
    anonymous: "Anonymously",
    anonymous_hint: "No name, no contact. You can still follow the report with its reference number and query code, but no reward can be paid.",
    named: "With my name",
    named_hint: "Give your name and phone number. If the report proves true you can receive a reward.",
    name_label: "Full name",
    phone_label: "Phone number",
    phone_hint: "A mobile number of 11 digits, or a landline with its area code",
    who_sees_title: "Who sees your details",
    who_sees: &[
        "Your name and number are stored apart from the report; only the staff handling it can see them, and every look is recorded.",
        "They never appear on any public page or in any public data, and the business is never told.",
        "Reporters are protected by Article 74 of the Work Safety Law.",
    ],

    check_title: "Check your answers before sending",
    check_lead: "Make sure everything is right. Use Change to correct anything.",
    change: "Change",
    change_label: |what| format!("Change {what}"),
    not_given: "Not given",
    submit: "Send report",
    submitting: "Sending…",
    submit_failed_network: "The connection failed and the report has not been sent yet. Everything you entered is kept. Check your connection and send again; sending twice never makes two reports.",
    submit_retry: "Send again",
    submit_in_flight: "Your last attempt is still being processed; wait a moment, then send again.",
    submit_key_reused: "You changed your answers; please send again.",
    submit_too_many: |s| {
        format!(
            "Too many reports from this connection; try again in {} minutes. Your draft is saved.",
            s.div_ceil(60)
        )
    },
    declaration: "I confirm that what I report is true to the best of my knowledge.",

    receipt_title: "Report sent",
    receipt_lead: "We have received your report. Keep the reference number and the query code below: you need both to follow it.",
    reference_label: "Reference number",
    code_label: "Query code",
    code_warning: "The query code is shown only this once; we do not keep it and cannot recover it. Copy it, take a screenshot or print this page.",
    copy: "Copy",
    copied: "Copied",
    next_title: "What happens next",
    next_steps: |handle, extended| {
        vec![
        "The authority responsible for work safety will check your report.".to_owned(),
        format!("It must be handled by {handle}; if the case is complex this can be extended once, to {extended} at the latest."),
        "You get the result, whether the report proved true or not, within 10 days of the check.".to_owned(),
        "Named reports that prove true are rewarded under the national rules.".to_owned(),
    ]
    },
    follow_link: "Follow your report",
    receipt_missing: "There is no receipt to show here. If you have sent a report, follow it with its reference number and query code.",

    status_title: "Follow a report",
    status_lead: "Enter the reference number and the query code you got when you sent the report.",
    status_reference_missing: "Enter the reference number, like JB20261128-7K3QMP",
    status_code_missing: "Enter the query code, like ABCD-2345",
    status_submit: "Look up",
    status_not_found: "No report has this reference number and query code. Check what you typed.",
    status_too_many: |s| {
        format!(
            "Too many look-ups; try again in {} minutes.",
            s.div_ceil(60)
        )
    },
    status_current: "Status",
    status_history: "History",
    status_reply: "Reply",
    status_dates: "Deadlines",
    received_on: "Received",
    handle_by: "To be handled by",
    extended_to: "Extended to",
    feedback_by: "Result by",
    reward: "Reward",
    photos_attached: "Photos",

    rewards_title: "Rewards for reports",
    rewards_lead: "Under the national Measures for Rewarding Work Safety Reports (2018), reports that prove true are rewarded.",
    rewards_rules: &[
        "A report of a major hazard or a violation that proves true earns 15% of the fine imposed, at least 3,000 and at most 300,000 yuan.",
        "A report of a concealed or falsely reported accident earns, per concealed death, 30,000 yuan for a general accident, 40,000 for a larger one, 50,000 for a major one and 60,000 for an especially major one, at most 300,000 yuan.",
        "When several people report the same matter, the first report accepted is rewarded.",
        "A reward needs a named report with contact details, and an identity document to collect it.",
    ],
    estimator_title: "Estimate a reward",
    estimator_fine: "Report of a hazard or a violation",
    estimator_fine_label: "Fine imposed (yuan)",
    estimator_accident: "Report of a concealed accident",
    grade_label: "Accident grade",
    grades: ["General", "Larger", "Major", "Especially major"],
    deaths_label: "Concealed deaths confirmed",
    estimate: |yuan| format!("Estimated reward: ¥{}", group_digits(yuan)),
    estimate_note: "An estimate only; the authority decides the actual amount.",
    invalid_number: "Enter a whole number, 0 or more",

    address_too_long: "The address must be 200 characters or fewer",
    enterprise_too_long: "The business name must be 100 characters or fewer",
    seen_in_future: "The time cannot be in the future",
    seen_too_long_ago: "The time must be within the last two years",
    description_too_short: "Describe what you saw in at least 10 characters",
    description_too_long: "The description must be 2,000 characters or fewer",
    who_required: "Choose whether to report anonymously or with your name",
    name_required: "Enter your name, or report anonymously",
    phone_invalid: "Enter a mobile number of 11 digits, or a landline with its area code",

    category_label: "Kind of hazard",
    district_short: "District",
    address_short: "Address",
    enterprise_short: "Business",
    when_short: "Seen",
    description_short: "Description",
    photos_short: "Photos",
    who_short: "Reporting",
};

/// The text of the blacklist pages.
pub static BLACKLIST: BlacklistStrings = BlacklistStrings {
    title: "Blacklist check",
    lead: "Check whether an enterprise is on the list of seriously untrustworthy entities in work safety (the work-safety \u{201c}blacklist\u{201d}), why, and until when.",
    search_label: "Enterprise name or Unified Social Credit Code",
    search_hint: "Part of a name is enough, written with or without its company form; a credit code has 18 characters.",
    search_button: "Check",
    listed: "Listed",
    removed: "Removed",
    not_listed: "Not listed",
    code_listed: "This enterprise is on the work-safety blacklist",
    code_removed: "This enterprise was on the work-safety blacklist and has been removed",
    code_not_listed: "This credit code is not on the work-safety blacklist",
    as_of: |at| format!("True as of {at} (Beijing time)"),
    check_warning: |c| {
        format!(
            "Note: the check character of this code does not fit its first 17 characters (the standard gives {c}); it may be mistyped. Some early codes are like this, so it is still looked up as typed."
        )
    },
    code_invalid: "Code invalid: no verdict",
    code_invalid_detail: |c| {
        format!(
            "The check character of this code does not fit its first 17 characters (the standard gives {c} as the 18th), and no enterprise in the directory has it: it is probably mistyped. Check it and search again; the portal gives no answer for an invalid code."
        )
    },
    did_you_mean: "You may mean one of these enterprises (their codes differ by one character or two swapped neighbours)",
    other_names: "Other enterprises with this text in their names",
    no_close_codes: "No code in the directory is one character away. Check the code on the business licence, or search by the enterprise's name.",
    not_in_directory: "No enterprise in the portal's directory has this code.",
    found: |n| {
        if n == 1 {
            "1 enterprise found".to_owned()
        } else {
            format!("{n} enterprises found")
        }
    },
    none_found: |q| {
        format!(
            "No enterprise has \u{201c}{q}\u{201d} in its name. This does not mean it is not listed: check the name, or use its credit code."
        )
    },
    reason: "Reason for listing",
    breach: "Summary of the breach",
    authority: "Listed by",
    listed_on: "Listed on",
    expected_removal: "Listed until",
    removed_on: "Removed on",
    removal_reason: "Reason for removal",
    list_name: "List",
    ground: "Ground for listing",
    ground_unrecorded: "Not recorded (see the reason)",
    removal_basis: "How it ended",
    repair_from: |date| {
        format!(
            "From {date}, 12 months after listing, the enterprise may apply for credit repair to be removed early."
        )
    },
    measures: "Joint punishment measures",
    repair_title: "Credit repair",
    repair_text: "Under the Measures for the List of Seriously Untrustworthy Entities in Work Safety (MEM Order No. 11), a listing lasts three years and then ends by itself. After 12 months, an enterprise that has carried out its penalty and corrected its conduct may apply to the authority that listed it to be removed early.",
    former_names: "Former names",
    open_enterprise: "See the enterprise",
    verification_title: "Proof of this check",
    verification_code: "Verification code",
    verification_hint: |url| {
        format!(
            "Anyone can enter the verification code at {url} to confirm this result and when it was made."
        )
    },
    print_result: "Print the result",
    history: "Listings",
    no_history: "This enterprise has never been on the work-safety blacklist.",
    decisions: "Penalty decisions",
    no_decisions: "No penalty decision on public record.",
    enterprise_missing: "No enterprise in the portal's directory has this credit code.",
    verify_title: "Verify a check",
    verify_lead: "Enter the verification code printed on a check's result to confirm that this portal made it and that it has not been altered.",
    verify_button: "Verify",
    genuine: "Genuine: this portal made this result.",
    not_genuine: "Not genuine: this portal did not make this code, or it has been altered.",
    verified_said: |who, status, at| format!("{who}: {status} (checked {at})"),
    batch_title: "Batch check",
    batch_lead: "Check up to 1,000 suppliers or partners at once, one per line: a name, a credit code, or both (separated by a tab, a comma or spaces; with both, the code decides and a name that does not match is flagged).",
    batch_label: "Names or codes, one enterprise per line",
    batch_hint: "Paste the name and code columns from a spreadsheet, or choose a text file (.txt, .csv, in UTF-8 or GBK); a header row at the top is skipped.",
    batch_file: "Choose a file",
    batch_file_unreadable: "This file cannot be read: it is neither UTF-8 nor GBK text. Save it from Excel as “CSV UTF-8” or as text and try again.",
    batch_button: "Check them",
    batch_too_many: "At most 1,000 lines at once; split the list.",
    batch_summary: |n, listed, problems| {
        format!("{n} lines: {listed} listed, {problems} could not be answered")
    },
    batch_download: "Download the results (CSV)",
    line: "Line",
    input: "Input",
    enterprise: "Enterprise",
    status: "Status",
    note: "Note",
    cannot_tell: "Cannot tell",
    name_disagrees: |given, owner| match owner {
        Some(owner) => format!(
            "The name “{given}” does not match the code, which is registered to {owner}. The answer follows the code."
        ),
        None => format!(
            "The name “{given}” does not match the code: the code is not this enterprise's. The answer follows the code."
        ),
    },
    name_belongs_to: "That name is:",
    batch_mismatches: |n| {
        format!("{n} lines have a name that does not match their code: check them.")
    },
    header_skipped: |header| {
        format!("The first line, “{header}”, is a header row and was not checked.")
    },
    links_batch: "Check many enterprises at once",
    list_title: "The list now",
    list_lead: |n| {
        format!("{n} enterprises are on the work-safety blacklist now, newest listing first.")
    },
    links_list: "Browse every enterprise on the list now",
    links_verify: "Verify a printed result",
};

/// The text of the education pages.
pub static EDUCATION: EducationStrings = EducationStrings {
    search_label: "Search safety articles",
    search_hint: "Type a word, such as 燃气 (gas) or 有限空间 (confined space); separate several words with spaces. Articles are in Chinese.",
    search_button: "Search",
    topics_heading: "Browse by topic",
    group_laws: "Laws and regulations",
    group_industries: "Safety by industry",
    group_emergencies: "Self-rescue and accident cases",
    group_people: "People at particular risk",
    article_count: |n| {
        if n == 1 {
            "1 article".to_owned()
        } else {
            format!("{n} articles")
        }
    },
    quizzes_heading: "Safety quizzes",
    quizzes_lead: "Eight or more questions each; a score at the end, and every answer explained with its legal source.",
    question_count: |n| format!("{n} questions"),
    recent_heading: "Recently reviewed",
    search_title: "Search results",
    results_for: |q, n| {
        if n == 1 {
            format!("1 article found for “{q}”")
        } else {
            format!("{n} articles found for “{q}”")
        }
    },
    no_results: |q| format!("No article contains “{q}”. Try another word, or browse by topic."),
    search_prompt: "Type a word to search for.",
    search_too_long: "A search can be at most 50 characters.",
    reading_minutes: |n| {
        if n == 1 {
            "About 1 minute to read".to_owned()
        } else {
            format!("About {n} minutes to read")
        }
    },
    reviewed_on: |d| format!("Last reviewed {d}"),
    contents: "Contents",
    print_article: "Print this article",
    provisions_heading: "Provisions this article explains",
    related_heading: "Related articles",
    written_in_chinese: "This article is written in Chinese.",
    article_missing: "There is no such article: it may have been removed, or the address is wrong.",
    quiz_missing: "There is no such quiz: it may have been removed, or the address is wrong.",
    topic_missing: "There is no such topic.",
    topic_articles: "Articles",
    topic_quizzes: "Quizzes",
    topic_empty: "This topic has no articles yet.",
    quiz_intro: |n| {
        format!(
            "{n} questions. Choose your answers, then submit: every question shows the right answer, why, and its source. Keyboard only works: Tab moves between questions, arrow keys choose an option, Space ticks a box in a multiple-choice question."
        )
    },
    question_legend: |i, n| format!("Question {i} of {n}"),
    single_hint: "One answer",
    multiple_hint: "Multiple choice: choose every right answer",
    submit_quiz: "Submit answers",
    unanswered: |n| {
        if n == 1 {
            "1 question is not answered yet:".to_owned()
        } else {
            format!("{n} questions are not answered yet:")
        }
    },
    question_number: |i| format!("Question {i}"),
    score: |right, total| format!("{right} of {total} right"),
    score_all: "All right: your safety knowledge is solid.",
    score_most: "Well done. Read the explanations of the ones you missed.",
    score_some: "Read each explanation and the related articles, then try again.",
    correct: "Right",
    incorrect: "Wrong",
    right_answer: "Right answer",
    your_answer: "Your answer",
    wrong_choice: "You chose this, but it is wrong",
    answer_this: "Answer this question",
    not_answered: "Not answered",
    explanation: "Why",
    source: "Source",
    retry_quiz: "Try again",
    provision_lead: "These articles explain what this provision requires, how it is commonly broken, and what to do.",
    provision_none: "No article explains this provision yet. Search for a related word, or browse by topic.",
    learn_provision: |c| format!("Learn about {c}"),
    learn_heading: "Learn about the provisions",
};

/// The text of the staff pages.
pub static STAFF: StaffStrings = StaffStrings {
    footer_link: "Staff sign-in",
    workspace: "Staff workspace",
    sign_in_title: "Staff sign-in",
    sign_in_lead: "For staff of the Jinan Emergency Management Bureau only.",
    username: "User name",
    password: "Password",
    sign_in: "Sign in",
    signing_in: "Signing in…",
    sign_out: "Sign out",
    wrong_credentials: "The user name or password is wrong.",
    locked: |n| {
        format!("Too many failed sign-ins: this user name is locked. Try again in {n} minutes.")
    },
    too_many: "Too many attempts. Please try again later.",
    enter_username: "Enter your user name",
    enter_password: "Enter your password",
    problem_title: "There is a problem",
    not_signed_in: "Please sign in with your staff account.",
    session_ended: "Your session has ended. Please sign in again.",
    wrong_role: "Your account's role cannot use this page.",
    signed_in_as: |a, b| format!("{a} ({b})"),
    home_lead: "Here you can do the work of your role.",
    your_work: "Your work",
    accounts: "Accounts",
    accounts_lead: "Create staff accounts, disable or enable them, reset passwords. A new or reset password is shown once, and must be changed at first sign-in.",
    audit: "Audit log",
    audit_lead: "Every staff write is recorded here; entries are never changed or removed.",
    change_password: "Change password",
    must_change: "Your password was set by an administrator. Change it before you continue.",
    current_password: "Current password",
    new_password: "New password",
    new_password_hint: "At least 12 characters, not containing your user name. A short sentence of several words works well.",
    confirm_password: "New password again",
    password_changed: "Your password has been changed. You have been signed out everywhere else.",
    current_wrong: "The current password is wrong",
    new_too_short: "The new password needs at least 12 characters",
    new_has_username: "The new password must not contain your user name",
    new_repeated: "The new password must not be one character repeated",
    new_same: "The new password must differ from the current one",
    confirm_differs: "The two new passwords differ",
    save: "Save",
    work_in_progress: "The publishing and case-handling tools of this role are being built and will appear here.",
    new_account: "New account",
    display_name: "Name",
    role: "Role",
    create: "Create account",
    username_hint: "3 to 40 characters: lower-case letters, digits, dots, hyphens or underscores, starting with a letter.",
    enter_display_name: "Enter the person's name",
    username_invalid: "A user name has 3 to 40 lower-case letters, digits, dots, hyphens or underscores, starting with a letter",
    username_taken: "This user name is taken",
    issued_title: "Give this one-time password to the person",
    issued_text: |a| format!("The one-time password of {a} is:"),
    issued_note: "This is shown only now and cannot be shown again. It must be changed at first sign-in.",
    status: "Status",
    active: "Active",
    disabled: "Disabled",
    pending_change: "Must change password",
    last_sign_in: "Last sign-in",
    never: "Never",
    actions: "Actions",
    disable: "Disable",
    enable: "Enable",
    reset_password: "Reset password",
    actor: "Who",
    action: "What",
    target: "On",
    time: "When",
    before: "Before",
    after: "After",
    filter: "Filter",
    all_actions: "All actions",
    entries: |n| format!("{n} entries"),
    no_entries: "No entries match.",
    you: "(you)",
    articles: "Education articles",
    articles_lead: "Change an article's title, summary and text (Markdown). Preview before saving; only safe formatting reaches the page — scripts, images and remote resources are removed.",
    article_title: "Title",
    article_title_en: "English title",
    article_summary: "Summary",
    article_summary_en: "English summary",
    article_markdown: "Text (Markdown; sections start with ##)",
    reviewed_on: "Reviewed on (YYYY-MM-DD)",
    preview: "Preview",
    preview_heading: "Preview (as the public page shows it)",
    save_article: "Save the article",
    article_saved: "Saved; the public page shows it now.",
    article_invalid: "Fill in every field; the review date as YYYY-MM-DD",
    edit: "Edit",
    extend: "Extend the deadline",
    extend_hint: "A complex case may, with approval, take 30 more days, once. Tell the reporter why.",
    extend_reason: "Why (shown on the reporter's status page)",
    extended_to: |a| format!("Extended to {a}"),
    edit_heading: "Correct a decision",
    edit_hint: "A correction makes a new version; the public page shows its date, its reason and each change. A revoked decision cannot be corrected.",
    open_edit: "Open",
    edit_title: |a| format!("Correct {a}"),
    edit_reason: "Reason for the correction (shown publicly)",
    fine_yuan: "Fine (yuan)",
    confiscated_yuan: "Confiscated (yuan)",
    date_format: "Dates as YYYY-MM-DD",
    save_correction: "Save the correction",
    edit_done: |n| {
        format!("Saved as version {n}. The public page shows the correction and its date.")
    },
    edit_invalid: "Check the amounts and dates, and give the reason",
    blacklist: "Blacklist",
    blacklist_lead: "List an enterprise as seriously untrustworthy in work safety, or take it off. A removed listing stays in the enterprise's history.",
    add_listing: "List an enterprise",
    credit_code: "Unified Social Credit Code",
    listing_reason: "Reason for listing",
    breach_summary: "Summary of the breach",
    listing_authority: "Listing authority",
    listed_on: "Listed on (YYYY-MM-DD)",
    expected_removal: "Listed until (YYYY-MM-DD; entries before 1 October 2023 only)",
    listing_ground: "Ground for listing",
    choose: "Choose…",
    term_ends: |date| {
        format!("Under MEM Order No. 11 a listing lasts three years: it ends by itself on {date}.")
    },
    removal_basis: "Basis for removal",
    measures: "Joint punishment measures",
    listed_done: |a| format!("{a} is now listed."),
    remove_listing: "Take off the list",
    removal_reason: "Reason for removal",
    removed_done: |a| format!("{a} is off the list; the listing stays in its history."),
    fill_all: "Fill in every field; dates as YYYY-MM-DD",
    already_listed: "This enterprise is listed already",
    not_listed: "This enterprise is not on the list",
    decisions: "Penalty decisions",
    decisions_lead: "Import penalty decisions in the disclosure (双公示) layout, or revoke a published one. Every row is checked first; if any row is wrong, nothing is imported.",
    import_heading: "Import a CSV",
    import_hint: "Use the columns of the portal's export (the first 17: 行政处罚决定书文号 … 行业), UTF-8, with the header row first.",
    csv_file: "Choose a CSV file",
    import: "Import",
    importing: "Checking and importing…",
    imported: |n| format!("{n} decisions imported and published."),
    import_failed: "The file has errors; nothing was imported. Correct these rows and import again:",
    choose_file: "Choose a CSV file first",
    revoke_heading: "Revoke a decision",
    revoke_hint: "A revoked decision keeps its address; its public page shows the date and the reason.",
    decision_id: "Decision number (the number in its address)",
    revoke_reason: "Reason (shown publicly)",
    revoke: "Revoke",
    revoked: "Revoked. The public page now says so.",
    enter_reason: "Give the reason",
    already_revoked: "This decision was revoked before",
    no_decision: "There is no decision with this number",
    view_public: "See the public page",
    cases: "Hazard reports",
    cases_lead: "Oldest first. Reports still open past the 60-day deadline (or the extended one) are marked overdue.",
    reference: "Reference",
    category: "Category",
    district: "District",
    received: "Received",
    due: "Due",
    overdue: "Overdue",
    overdue_only: "Overdue only",
    older_than: "Received at least this many days ago",
    any: "Any",
    cases_count: |n| format!("{n} reports"),
    no_cases: "No reports match.",
    case_title: |a| format!("Report {a}"),
    address: "Where",
    enterprise: "Enterprise",
    seen_at: "Seen",
    description: "What was seen",
    photos: "Photos",
    photo_alt: |n| format!("Report photo {n}"),
    anonymous_report: "Anonymous (no reward can be paid)",
    named_report: "Named reporter",
    show_reporter: "Show who reported",
    reporter_logged: "Looking at who reported is recorded in the audit log. Look only when verifying or paying a reward needs it.",
    reporter_name: "Reporter",
    reporter_phone: "Phone",
    history: "History",
    public_reply: "Reply to the reporter (shown on their status page)",
    move_to: "New status",
    record_step: "Record the step",
    link_decision: "Link the penalty decision",
    decision_number: "Decision number (the number in its address)",
    link: "Link",
    linked_decision: "Linked decision",
    fine_of: |n| format!("Fine {n} yuan"),
    reward: "Reward",
    reward_basis: "Basis",
    basis_fine: "15% of the fine (3,000 to 300,000 yuan)",
    basis_accident: "Per concealed death",
    grade: "Accident grade",
    deaths: "Concealed deaths",
    amount_override: "Adjusted amount in yuan (optional)",
    override_reason: "Reason (needed when adjusting)",
    decide_reward: "Decide the reward",
    reward_decided: |n| format!("Reward decided: {n} yuan"),
    mark_paid: "Mark the reward paid",
    enter_number: "Enter a whole number",
    need_reason: "Say why the amount is adjusted",
    step_done: "Saved.",
    status_conflict: "The report's status does not allow this step; reload the page.",
};

/// The text of the home page and the parts' landing pages.
pub static OVERVIEW: OverviewStrings = OverviewStrings {
    home_title: "Work safety is everyone's business",
    home_parts_heading: "Services",
    home_figures_heading: "At a glance",
    figure_published_decisions: "Penalty decisions on public record",
    figure_fines: "Fines in those decisions",
    figure_blacklisted: "Enterprises on the work-safety blacklist",
    figure_enterprises: "Enterprises in the directory",
    figures_as_of: |time| format!("Figures as of {time} (Beijing time)"),
    count_decisions: group_digits,
    count_enterprises: group_digits,
    amount_yuan: |yuan| {
        if yuan >= 1_000_000 {
            // One decimal, rounded, in integers (no float formatting in the bundle).
            let tenths = (yuan + 50_000) / 100_000;
            format!("¥{}.{} million", tenths / 10, tenths % 10)
        } else {
            format!("¥{}", group_digits(yuan))
        }
    },
    home_hotline_heading: "In an emergency, call for help first",
    home_hotline_text: "If there is an accident or someone is hurt, call 119 or 120 now. To report a hazard, call 12350 or report it online here.",

    enforcement_summary: "Penalty decisions, exposed cases, major hazards under listed supervision and accident reports.",
    report_summary: "Report hazards and violations, follow your report, and collect a reward if it proves true.",
    education_summary: "Laws, safety by industry, emergency self-rescue and lessons from accidents.",
    blacklist_summary: "Check whether an enterprise is on the list of seriously untrustworthy entities.",

    enforcement_intro: "The city publishes its work-safety enforcement for everyone to see and scrutinise.",
    enforcement_sections: &[
        (
            "Penalty decisions",
            "Search by enterprise name, credit code, decision number or facts; filter by district, industry and penalty; export.",
        ),
        (
            "Exposed cases",
            "Typical violations made public, linked to the decisions behind them.",
        ),
        (
            "Major hazards under listed supervision",
            "Listing, rectification, acceptance and delisting in public, with overdue cases flagged.",
        ),
        (
            "Accident investigation reports",
            "Full reports of accident investigations, and the assessment of the measures taken.",
        ),
        (
            "Statistics",
            "Decisions and fines by month, district and industry; reports and listed hazards. Every chart is also a table and a CSV.",
        ),
    ],
    education_intro: "Laws and practical safety knowledge for everyone.",
    coming_soon: "Coming soon",
    enforcement_basis: "Work Safety Law of the PRC, Article 78; Regulations on the Disclosure of Government Information.",
    education_basis: "Work Safety Law of the PRC, Article 13; Shandong Work Safety Regulations.",
    blacklist_basis: "Work Safety Law of the PRC, Article 78; Measures for the List of Seriously Untrustworthy Entities in Work Safety.",
};
