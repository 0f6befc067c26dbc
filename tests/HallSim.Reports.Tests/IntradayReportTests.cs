using System.Net;
using System.Text.RegularExpressions;
using HallSim.Intraday;
using HallSim.Model;
using HallSim.Reports;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Reports.Tests;

public class IntradayReportTests
{
    private static IntradayPage Page()
    {
        var day = new DateOnly(2026, 3, 18);
        var hall = Halls.Jihua with { StartDate = day, Days = 1 };
        var compiled = hall.Compile().Compile(new StaffingPlan { Roster = Halls.UsualRoster(hall) });
        var at = day.ToDateTime(new TimeOnly(10, 30));
        var snapshot = IntradayState.FromTickets(HallModel.Run(compiled, 4, 0).Tickets!, day, at);
        var state = snapshot.State with { AbsentStaff = [hall.Staff[1].Id] };
        var update = IntradayForecast.Update(compiled, at, snapshot.WalkInTicketsSoFar, replications: 8);
        var rest = IntradayForecast.RestOfDay(compiled, state, update.Multiplier, replications: 8);
        var effects = IntradayForecast.Compare(compiled, state, IntradayForecast.DefaultActions(compiled, state), update.Multiplier, replications: 8);
        return new IntradayPage(hall.Name, snapshot with { State = state }, state.AbsentStaff, update, rest, effects, 15, hall.Categories.ToDictionary(c => c.Id, c => c.Name));
    }

    private static string VisibleText(string html)
    {
        var s = Regex.Replace(html, "<(script|style)[^>]*>.*?</\\1>", " ", RegexOptions.Singleline);
        return WebUtility.HtmlDecode(Regex.Replace(s, "<[^>]+>", " "));
    }

    [Fact]
    public void ChinesePage_SaysWhereTheHallStands_RanksTheActions_AndHasNoEnglishWords()
    {
        var page = Page();
        var html = IntradayReport.Write(page);
        var text = VisibleText(html);

        Assert.Contains("人等候", text);
        Assert.Contains("最后一个号预计在", text);
        Assert.Contains("按原计划", text);
        Assert.Contains("增派 1 名工作人员", text); // one window freed by the absent person
        Assert.Contains("暂停发放", text);
        Assert.Contains("intraday-wait", html); // the chart
        // No Latin word of three letters or more (ids such as S02 or W07 are not words): nothing left in English.
        var words = Regex.Matches(text, "[A-Za-z]{3,}").Select(m => m.Value).Distinct().ToList();
        Assert.Empty(words);
    }

    [Fact]
    public void EnglishPage_SaysTheSame()
    {
        var text = VisibleText(IntradayReport.Write(Page(), ReportLanguage.English));
        Assert.Contains("waiting", text);
        Assert.Contains("The last ticket is called at about", text);
        Assert.Contains("as planned", text);
        Assert.Contains("one extra person", text);
        Assert.DoesNotContain("增派", text);
    }
}
