using HallSim.Planning;
using HallSim.Randomness;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Cli.Tests;

/// <summary>Sweeps in shards: seeds keyed by hall, week, variant and replication, so that the merged shards are the
/// unsharded sweep byte for byte; a merge names every missing, repeated or foreign shard; the CLI names every bad field
/// of a grid file.</summary>
public class SweepTests
{
    private static TimeOnly T(int h) => new(h, 0);

    private static Scenario Hall(double arrivals) =>
        new Scenario("small hall", new DateOnly(2026, 3, 2), 14, [new ServiceCategory("any", 1, new ExponentialDistribution(8))], new Demand(arrivals),
            [new Window("W1", [Window.AnyCategory]), new Window("W2", [Window.AnyCategory])])
        {
            Calendar = new HallCalendar { WeekdayHours = [new Session(T(9), T(17))] },
            Staff = [new StaffMember("P1", "Person 1", [Window.AnyCategory]), new StaffMember("P2", "Person 2", [Window.AnyCategory]), new StaffMember("P3", "Person 3", [Window.AnyCategory])],
            Shifts = [new ShiftTemplate("early", T(9), T(13)), new ShiftTemplate("late", T(13), T(17)), new ShiftTemplate("full", T(9), T(17)) { Breaks = [new StaffBreak(T(12), T(13))] }],
        };

    private static SweepGrid Grid() => new(
        [new SweepHall("quiet", Hall(50)), new SweepHall("busy", Hall(90))],
        [new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 9)],
        [new SweepVariant("as it is", []), new SweepVariant("evening", [new WeekdayClosing(T(18))])])
    {
        Days = 2,
        Replications = 5,
    };

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void MergedShards_AreTheUnshardedSweep_ByteForByte(int shards)
    {
        var grid = Grid();
        var whole = Sweep.Summary(grid, Sweep.Run(grid));
        var files = Enumerable.Range(0, shards).Select(k => ($"shard-{k}", Sweep.ShardJson("g", k, shards, Sweep.Run(grid, k, shards)))).ToList();
        Assert.Equal(whole, Sweep.Summary(grid, Sweep.ReadShards(grid, "g", files)));
    }

    [Fact]
    public void SeedsDependOnTheCell_NotOnItsPlaceInTheGrid()
    {
        // The same hall, week and variant in another grid (another order, other neighbours) runs the same replications.
        var grid = Grid();
        var other = grid with { Halls = [grid.Halls[1]], Variants = [grid.Variants[1], grid.Variants[0]] };
        var a = Sweep.Run(grid).Where(u => grid.CellOf(u.Cell) is { Hall.Name: "busy", Variant.Name: "evening" } c && c.Week == grid.Weeks[1]).ToList();
        var b = Sweep.Run(other).Where(u => other.CellOf(u.Cell) is { Hall.Name: "busy", Variant.Name: "evening" } c && c.Week == grid.Weeks[1]).ToList();
        Assert.Equal(a.Select(u => (u.Replication, u.Tickets, u.MeanWait, u.WithinTarget)), b.Select(u => (u.Replication, u.Tickets, u.MeanWait, u.WithinTarget)));
        Assert.NotEqual(Sweep.SeedOf(grid, 0), Sweep.SeedOf(grid, 1));
    }

    [Fact]
    public void Merge_NamesMissingRepeatedAndForeignShards()
    {
        var grid = Grid();
        var s0 = Sweep.ShardJson("g", 0, 3, Sweep.Run(grid, 0, 3));
        var s1 = Sweep.ShardJson("g", 1, 3, Sweep.Run(grid, 1, 3));
        var foreign = Sweep.ShardJson("other", 2, 3, Sweep.Run(grid, 2, 3));
        var e = Assert.Throws<ScenarioValidationException>(() => Sweep.ReadShards(grid, "g", [("a", s0), ("b", s1), ("c", s1), ("d", foreign), ("e", "not json"u8.ToArray())]));
        Assert.Contains(e.Problems, p => p.Path == "c" && p.Message.Contains("repeats shard 1", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Path == "d" && p.Message.Contains("another grid", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Path == "e" && p.Message.Contains("not JSON", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Path == "shards" && p.Message.Contains("missing shard(s) 2 of 3", StringComparison.Ordinal));
    }

    [Fact]
    public void Shards_AreContiguousBlocks_CoveringEveryUnitOnce()
    {
        var grid = Grid(); // 8 cells × 5 replications = 40 units
        var blocks = Enumerable.Range(0, 7).Select(k => Sweep.ShardOf(grid, k, 7)).ToList();
        Assert.Equal(0, blocks[0].First);
        Assert.Equal(grid.Units, blocks[^1].End);
        Assert.All(blocks.Zip(blocks.Skip(1)), p => Assert.Equal(p.First.End, p.Second.First));
        Assert.All(blocks, b => Assert.InRange(b.End - b.First, 5, 6));

        // A unit in a shard it does not belong to, and a shard count that makes no sense, are refused by name.
        var units = Sweep.Run(grid, 0, 2);
        var moved = Sweep.ShardJson("g", 1, 2, units);
        var e = Assert.Throws<ScenarioValidationException>(() => Sweep.ReadShards(grid, "g", [("a", Sweep.ShardJson("g", 0, 2, units)), ("b", moved), ("c", Sweep.ShardJson("g", 0, 0, units))]));
        Assert.Contains(e.Problems, p => p.Path == "b" && p.Message.Contains("does not belong to shard 1 of 2", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Path == "c" && p.Message.Contains("expected 0 ≤ shard < shards", StringComparison.Ordinal));
    }

    [Fact]
    public void SweepAndMerge_FromTheCommandLine_WriteTheSameFile_AndAVariantThatChangesNothingIsNamed()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"hallsim-sweep-cli-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "small.json"), ScenarioJson.Serialize(Hall(70)));
            var grid = Path.Combine(dir, "grid.json");
            File.WriteAllText(grid, """
                { "halls": [{ "name": "small", "scenario": "small.json" }], "weeks": ["2026-03-02", "2026-03-09"], "days": 1, "replications": 4,
                  "variants": [{ "name": "as it is" }, { "name": "evening", "evening": "18:00" }, { "name": "booked", "appointments": "30%" }] }
                """);
            var (o, e) = (new StringWriter(), new StringWriter());
            Assert.Equal(0, Program.Run(["sweep", "--grid", grid, "--out", Path.Combine(dir, "whole"), "--quiet"], o, e));
            for (var k = 0; k < 4; k++)
            {
                Assert.Equal(0, Program.Run(["sweep", "--grid", grid, "--shard", $"{k}/4", "--out", Path.Combine(dir, "shards"), "--quiet"], o, e));
            }

            Assert.Equal(0, Program.Run(["sweep", "merge", "--grid", grid, "--shards", Path.Combine(dir, "shards"), "--out", Path.Combine(dir, "merged")], o, e));
            Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "whole", "sweep.json")), File.ReadAllBytes(Path.Combine(dir, "merged", "sweep.json")));

            // One shard missing: named, exit 2, nothing written.
            File.Delete(Path.Combine(dir, "shards", "shard-2-of-4.json"));
            (o, e) = (new StringWriter(), new StringWriter());
            Assert.Equal(2, Program.Run(["sweep", "merge", "--grid", grid, "--shards", Path.Combine(dir, "shards"), "--out", Path.Combine(dir, "merged2")], o, e));
            Assert.Contains("missing shard(s) 2 of 4", e.ToString(), StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(dir, "merged2")));

            // Evenings to 17:00 where the hall closes at 17:00: the variant is named, not an internal error.
            File.WriteAllText(grid, """{ "halls": [{ "name": "small", "scenario": "small.json" }], "weeks": ["2026-03-02"], "days": 1, "replications": 2, "variants": [{ "name": "early", "evening": "17:00" }] }""");
            (o, e) = (new StringWriter(), new StringWriter());
            Assert.Equal(2, Program.Run(["sweep", "--grid", grid, "--out", Path.Combine(dir, "none"), "--quiet"], o, e));
            Assert.Contains("variants[0].measures[0]: halls[0] (\"small\"), week 2026-03-02:", e.ToString(), StringComparison.Ordinal);
            Assert.Contains("changes nothing", e.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void BadGridFile_EveryFieldNamed_Exit2_NothingWritten()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"hallsim-sweep-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var grid = Path.Combine(dir, "grid.json");
            File.WriteAllText(grid, """
                { "halls": [{ "name": "j", "scenario": "jihua-peak" }, { "name": "x" }],
                  "weeks": ["2026-03-23", "23/03/2026"], "replications": 1, "colour": "red",
                  "variants": [{ "name": "v", "evening": "8pm", "wizards": "2" }] }
                """);
            var (output, error) = (new StringWriter(), new StringWriter());
            var code = Program.Run(["sweep", "--grid", grid, "--shard", "3/3", "--out", Path.Combine(dir, "out"), "--quiet"], output, error);
            var text = error.ToString();
            Assert.Equal(2, code);
            foreach (var expected in new[] { "colour: unknown field", "halls[1]: expected", "weeks[1]: \"23/03/2026\" is not a date", "replications: 1 is not a whole number from 2", "variants[0].evening: \"8pm\"", "variants[0].wizards: unknown measure", "--shard: \"3/3\"" })
            {
                Assert.Contains(expected, text, StringComparison.Ordinal);
            }

            Assert.False(Directory.Exists(Path.Combine(dir, "out")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
