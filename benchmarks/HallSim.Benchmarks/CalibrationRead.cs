using System.Text;
using BenchmarkDotNet.Attributes;
using HallSim.Calibration;
using HallSim.Model;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Benchmarks;

/// <summary>
/// Calibration's reading cost on a year of the Jihua hall's ticket log (simulated, one replication, 12 windows: 84,250
/// rows, 10.1 MB): the baseline only splits the file into lines; then parsing every row, and the whole
/// calibration (fits, no check simulation). Allocated bytes per row show that memory does not grow with the file.
/// </summary>
[MemoryDiagnoser]
public class CalibrationRead
{
    private byte[] _log = [];

    [GlobalSetup]
    public void Setup()
    {
        var year = Halls.Jihua with { StartDate = new DateOnly(2026, 1, 1), Days = 365 };
        var run = HallModel.Run(year, StaffingPlan.Constant(12), 1);
        var writer = new StringWriter();
        TicketLog.Write(writer, run.Tickets!, year.StartDate);
        _log = Encoding.UTF8.GetBytes(writer.ToString());
    }

    [Benchmark(Baseline = true)]
    public int ReadLinesOnly()
    {
        using var reader = new StreamReader(new MemoryStream(_log));
        var n = 0;
        while (reader.ReadLine() is not null)
        {
            n++;
        }

        return n;
    }

    [Benchmark]
    public long ParseRows() => TicketLog.Read(new MemoryStream(_log), _ => { }).Accepted;

    [Benchmark]
    public double Calibrate() => Calibrator.Calibrate(new MemoryStream(_log), "bench", new CalibrationOptions { CheckReplications = 0 }).ArrivalsPerDay.Mean;
}
