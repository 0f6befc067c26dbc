using System.Globalization;
using HallSim.Reports;
using HallSim.Rostering;
using HallSim.Scenarios;

namespace HallSim.Planning;

/// <summary>
/// A roster issue in the report's language, from its structured fields (rule, date, time, person, shift, figures):
/// the person's and the shift's display names instead of ids. English keeps the optimiser's and checker's own
/// sentence, with the person's name put before their id.
/// </summary>
internal static class IssueText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Describe(RosterIssue issue, ReportLanguage language, Scenario scenario)
    {
        var who = issue.StaffId is { } id ? scenario.Staff.FirstOrDefault(m => m.Id == id) is { Name.Length: > 0 } m ? m.Name : id : string.Empty;
        if (language == ReportLanguage.English)
        {
            return who.Length > 0 && who != issue.StaffId ? $"{who}: {issue.Message}" : issue.Message;
        }

        string Shift(string? shiftId) => shiftId is null ? string.Empty
            : scenario.Shifts.FirstOrDefault(s => s.Id == shiftId) is { Name.Length: > 0 } s ? $"“{s.Name}”" : $"“{shiftId}”";
        var when = issue.Time is { } t ? string.Format(Inv, "{0:MM-dd} {1:HH:mm}", issue.Date, t) : issue.Date.ToString("MM-dd", Inv);
        var found = issue.Found ?? 0;
        var limit = issue.Limit ?? 0;
        var category = issue.CategoryId is { } c ? scenario.Categories.FirstOrDefault(x => x.Id == c) is { Name.Length: > 0 } cat ? cat.Name : c : string.Empty;
        var rule = issue.Rule;
        return rule switch
        {
            _ when issue.StaffId is null && issue.ShiftId is not null => string.Format(Inv, "{0}：{1}中有 {2:0} 个（共 {3:0} 个）无法安排给任何人：{4}", when, Shift(issue.ShiftId), found, limit, Because(rule)),
            RosterRule.Staff => string.Format(Inv, "{0}：排班表中的“{1}”不在工作人员名单中", when, issue.StaffId),
            RosterRule.Shift when scenario.Shifts.All(s => s.Id != issue.ShiftId) => string.Format(Inv, "{0} {1}：没有班次“{2}”", when, who, issue.ShiftId),
            RosterRule.Shift => string.Format(Inv, "{0} {1}：{2}的休息时间不在该班次允许的范围内", when, who, Shift(issue.ShiftId)),
            RosterRule.Absence => string.Format(Inv, "{0} {1}：当天请假，却排了{2}", when, who, Shift(issue.ShiftId)),
            RosterRule.HallClosed => string.Format(Inv, "{0} {1}：{2}的时间大厅不开放", when, who, Shift(issue.ShiftId)),
            RosterRule.OneShiftADay => string.Format(Inv, "{0} {1}：一天排了不止一个班次", when, who),
            RosterRule.Rest => string.Format(Inv, "{0} {1}：{2}之前只休息了 {3:0.#} 小时（至少需要 {4:0.#} 小时）", when, who, Shift(issue.ShiftId), found, limit),
            RosterRule.ForbiddenTransition => string.Format(Inv, "{0} {1}：{2}不能紧接在前一天的{3}之后", when, who, Shift(issue.ShiftId), Shift(issue.OtherShiftId)),
            RosterRule.ConsecutiveDays => string.Format(Inv, "{0} {1}：连续工作 {2:0} 天（最多 {3:0} 天）", when, who, found, limit),
            RosterRule.DaysOff => string.Format(Inv, "{0} 那一周 {1}：工作 {2:0} 天（最多 {3:0} 天，需保证休息日）", when, who, found, limit),
            RosterRule.ContractHours => string.Format(Inv, "{0} 那一周 {1}：工作 {2:0.#} 小时（合同 {3:0.#} 小时）", when, who, found, limit),
            RosterRule.WindowCap when issue.StaffId is not null => string.Format(Inv, "{0} {1}：{2}没有空闲窗口可以安排（人数多于窗口，或没有适合其业务的空窗口），模拟中不计入这个班次", when, who, Shift(issue.ShiftId)),
            RosterRule.WindowCap => string.Format(Inv, "{0}：{1:0} 人在岗，但最多只能开 {2:0} 个窗口", when, found, limit),
            RosterRule.Skills when issue.CategoryId is not null => string.Format(Inv, "{0}：当天没有可上岗的人员能办理“{1}”业务，这类市民只能等候或离开", when, category),
            RosterRule.Skills => string.Format(Inv, "{0}：只能办理部分业务的在岗人员有 {1:0} 人，但能办理这些业务的窗口只有 {2:0} 个", when, found, limit),
            RosterRule.Coverage => string.Format(Inv, "{0}：需要开 {1:0} 个窗口，但只能安排 {2:0} 个（当天可上岗的人员、每周工时、休息日和窗口数不允许更多）", when, found, limit),
            _ => string.Format(Inv, "{0}：{1}", when, Because(rule)),
        };
    }

    /// <summary>The rules named by a shortfall's flags, in Chinese.</summary>
    private static string Because(RosterRule rule)
    {
        var words = new List<string>();
        if (rule.HasFlag(RosterRule.Rest))
        {
            words.Add("班次间的最少休息时间");
        }

        if (rule.HasFlag(RosterRule.ConsecutiveDays))
        {
            words.Add("最多连续工作天数");
        }

        if (rule.HasFlag(RosterRule.DaysOff))
        {
            words.Add("每周休息日");
        }

        if (rule.HasFlag(RosterRule.ContractHours))
        {
            words.Add("每周合同工时");
        }

        return words.Count == 0 ? "多条排班规则共同限制" : string.Join("、", words) + "不允许";
    }
}
