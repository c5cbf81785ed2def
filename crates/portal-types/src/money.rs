//! Amounts of money as Chinese decisions write them.

/// Writes a whole number of yuan in Chinese financial capitals, as
/// decisions do: `35000` → `叁万伍仟元整`, `100200` → `壹拾万零贰佰元整`.
pub fn yuan_in_capitals(yuan: u64) -> String {
    const DIGITS: [&str; 10] = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"];
    const PLACES: [&str; 4] = ["", "拾", "佰", "仟"];
    const GROUPS: [&str; 5] = ["", "万", "亿", "万亿", "亿亿"];
    if yuan == 0 {
        return "零元整".to_owned();
    }
    // Split into groups of four digits, lowest first.
    let mut groups = Vec::new();
    let mut rest = yuan;
    while rest > 0 {
        groups.push((rest % 10_000) as usize);
        rest /= 10_000;
    }
    let mut out = String::new();
    let mut pending_zero = false;
    for (index, &group) in groups.iter().enumerate().rev() {
        if group == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        // A zero is written when a group is short of its thousands and follows a higher group.
        if !out.is_empty() && (pending_zero || group < 1000) {
            out.push_str(DIGITS[0]);
        }
        pending_zero = false;
        let digits = [group / 1000, group / 100 % 10, group / 10 % 10, group % 10];
        let mut zero_run = false;
        let mut written = false;
        for (position, &digit) in digits.iter().enumerate() {
            if digit == 0 {
                zero_run = written;
                continue;
            }
            if zero_run {
                out.push_str(DIGITS[0]);
                zero_run = false;
            }
            out.push_str(DIGITS[digit]);
            out.push_str(PLACES[3 - position]);
            written = true;
        }
        out.push_str(GROUPS[index]);
    }
    out.push_str("元整");
    out
}

/// Writes an amount of fen as yuan with two decimals and thousands separators:
/// `3_500_000` → `35,000.00`.
pub fn format_fen(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let fen = fen.unsigned_abs();
    format!("{sign}{}.{:02}", group_digits(fen / 100), fen % 100)
}

/// Groups the digits of `n` in threes: `1234567` → `1,234,567`.
pub fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, c) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_round_amounts() {
        assert_eq!(yuan_in_capitals(35_000), "叁万伍仟元整");
        assert_eq!(yuan_in_capitals(100_000), "壹拾万元整");
        assert_eq!(yuan_in_capitals(5_000), "伍仟元整");
        assert_eq!(yuan_in_capitals(0), "零元整");
    }

    #[test]
    fn writes_one_zero_for_each_gap() {
        assert_eq!(yuan_in_capitals(20_500), "贰万零伍佰元整");
        assert_eq!(yuan_in_capitals(1_005), "壹仟零伍元整");
        assert_eq!(yuan_in_capitals(100_200), "壹拾万零贰佰元整");
        assert_eq!(yuan_in_capitals(1_000_001), "壹佰万零壹元整");
        assert_eq!(yuan_in_capitals(105_000), "壹拾万伍仟元整");
        assert_eq!(yuan_in_capitals(2_030_000), "贰佰零叁万元整");
    }

    #[test]
    fn writes_amounts_above_a_hundred_million() {
        assert_eq!(yuan_in_capitals(100_000_000), "壹亿元整");
        assert_eq!(yuan_in_capitals(100_050_000), "壹亿零伍万元整");
    }

    #[test]
    fn groups_digits_in_threes() {
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1_000), "1,000");
        assert_eq!(group_digits(1_234_567), "1,234,567");
    }

    #[test]
    fn formats_fen_as_yuan_with_separators() {
        assert_eq!(format_fen(3_500_000), "35,000.00");
        assert_eq!(format_fen(5), "0.05");
        assert_eq!(format_fen(123_456_789), "1,234,567.89");
        assert_eq!(format_fen(-100), "-1.00");
    }
}
