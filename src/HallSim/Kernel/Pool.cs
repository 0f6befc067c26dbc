namespace HallSim.Kernel;

/// <summary>
/// A LIFO pool of recycled event cores. An array of structs rather than <c>Stack&lt;EventCore&gt;</c>: storing into a
/// struct array skips the covariant array-store check (measured 2–4% of the M/M/16 run, docs/performance.md).
/// </summary>
internal sealed class Pool<T>
    where T : class
{
    private Item[] _items = new Item[32];
    private int _count;

    internal bool TryTake(out T item)
    {
        if (_count == 0)
        {
            item = null!;
            return false;
        }

        ref var slot = ref _items[--_count];
        item = slot.Value!;
        slot.Value = null;
        return true;
    }

    internal void Return(T item)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _count * 2);
        }

        _items[_count++].Value = item;
    }

    private struct Item
    {
        internal T? Value;
    }
}
