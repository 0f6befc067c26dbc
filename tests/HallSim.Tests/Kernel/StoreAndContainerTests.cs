using HallSim.Kernel;

namespace HallSim.Tests.Kernel;

public class StoreAndContainerTests
{
    [Fact]
    public void Store_GetWaitsForPut_ItemsFifo()
    {
        var sim = new Simulation();
        var store = new Store<string>(sim);
        var got = new List<(double, string)>();
        IEnumerable<Event> Consumer()
        {
            for (var i = 0; i < 3; i++)
            {
                var get = store.Get();
                yield return get;
                got.Add((sim.Now, get.Value));
            }
        }

        IEnumerable<Event> Producer()
        {
            yield return sim.Timeout(2);
            yield return store.Put("a");
            yield return store.Put("b");
            yield return sim.Timeout(3);
            yield return store.Put("c");
        }

        sim.Process(Consumer());
        sim.Process(Producer());
        sim.Run();

        Assert.Equal([(2.0, "a"), (2.0, "b"), (5.0, "c")], got);
    }

    [Fact]
    public void Store_PutWaitsWhileFull()
    {
        var sim = new Simulation();
        var store = new Store<int>(sim, capacity: 1);
        var putDone = new List<double>();
        IEnumerable<Event> Producer()
        {
            for (var i = 0; i < 3; i++)
            {
                yield return store.Put(i);
                putDone.Add(sim.Now);
            }
        }

        IEnumerable<Event> Consumer()
        {
            yield return sim.Timeout(5);
            yield return store.Get();
            yield return sim.Timeout(5);
            yield return store.Get();
        }

        sim.Process(Producer());
        sim.Process(Consumer());
        sim.Run();

        Assert.Equal([0.0, 5.0, 10.0], putDone);
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void Store_Cancel_WithdrawsAWaitingGet()
    {
        var sim = new Simulation();
        var store = new Store<int>(sim);
        var get = store.Get();
        Assert.Equal(1, store.WaitingGets);
        Assert.True(store.Cancel(get));
        Assert.Equal(0, store.WaitingGets);
        store.Put(5);
        Assert.Equal(1, store.Count);
        Assert.False(get.IsTriggered);
    }

    [Fact]
    public void FilterStore_WaitingGetterDoesNotBlockOthers()
    {
        var sim = new Simulation();
        var store = new FilterStore<int>(sim);
        var got = new List<string>();
        IEnumerable<Event> Wants(string name, Func<int, bool> filter)
        {
            var get = store.Get(filter);
            yield return get;
            got.Add($"{name}:{get.Value}@{sim.Now}");
        }

        sim.Process(Wants("even", x => x % 2 == 0));
        sim.Process(Wants("odd", x => x % 2 == 1));
        sim.Timeout(1).AddCallback(_ => store.Put(3));
        sim.Timeout(2).AddCallback(_ => store.Put(4));
        sim.Run();

        Assert.Equal(["odd:3@1", "even:4@2"], got);
    }

    [Fact]
    public void PriorityStore_HandsOutSmallestFirst_EqualOnesFifo()
    {
        var sim = new Simulation();
        var store = new PriorityStore<(int Priority, string Name)>(sim, Comparer<(int Priority, string Name)>.Create((a, b) => a.Priority.CompareTo(b.Priority)));
        store.Put((2, "x"));
        store.Put((1, "y"));
        store.Put((2, "z"));
        store.Put((0, "w"));
        var names = new List<string>();
        IEnumerable<Event> Consumer()
        {
            for (var i = 0; i < 4; i++)
            {
                var get = store.Get();
                yield return get;
                names.Add(get.Value.Name);
            }
        }

        sim.Process(Consumer());
        sim.Run();

        Assert.Equal(["w", "y", "x", "z"], names);
    }

    [Fact]
    public void Container_GetWaitsForLevel_PutWaitsForRoom()
    {
        var sim = new Simulation();
        var tank = new Container(sim, capacity: 100, initialLevel: 30);
        var log = new List<string>();
        IEnumerable<Event> Car()
        {
            yield return tank.Get(50);
            log.Add($"car fuelled at {sim.Now}, level {tank.Level}");
        }

        IEnumerable<Event> Truck()
        {
            yield return sim.Timeout(10);
            yield return tank.Put(60);
            log.Add($"truck delivered at {sim.Now}, level {tank.Level}");
            yield return tank.Put(70); // 40 + 70 > 100: waits for room
            log.Add($"second delivery at {sim.Now}, level {tank.Level}");
        }

        IEnumerable<Event> Bus()
        {
            yield return sim.Timeout(20);
            yield return tank.Get(30);
            log.Add($"bus fuelled at {sim.Now}");
        }

        sim.Process(Car());
        sim.Process(Truck());
        sim.Process(Bus());
        sim.Run();

        // The truck's put completes at once (immediate completion), so the truck continues first; the car's
        // waiting get is processed through the calendar at the same time.
        Assert.Equal(
            ["truck delivered at 10, level 40", "car fuelled at 10, level 40", "bus fuelled at 20", "second delivery at 20, level 80"],
            log);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-5.0)]
    [InlineData(double.NaN)]
    [InlineData(150.0)]
    public void Container_BadAmount_Throws(double amount)
    {
        var sim = new Simulation();
        var tank = new Container(sim, capacity: 100);
        Assert.Equal("amount", Assert.Throws<ArgumentOutOfRangeException>(() => tank.Get(amount)).ParamName);
        Assert.Equal("amount", Assert.Throws<ArgumentOutOfRangeException>(() => tank.Put(amount)).ParamName);
    }

    [Fact]
    public void Container_BadConstruction_Throws()
    {
        var sim = new Simulation();
        Assert.Equal("capacity", Assert.Throws<ArgumentOutOfRangeException>(() => new Container(sim, capacity: 0)).ParamName);
        Assert.Equal("initialLevel", Assert.Throws<ArgumentOutOfRangeException>(() => new Container(sim, capacity: 10, initialLevel: 11)).ParamName);
    }
}
