namespace ContainerCd.Runtime.Docker.Ownership;

/// <summary>
/// Keeps the process alive while a signal-time cleanup runs: removing an agent's container ends the step
/// that Main awaits, and Main could return (and the process exit) before the cleanup has removed the rest.
/// At process exit this waits, bounded, for cleanups in progress.
/// </summary>
internal static class ShutdownGate
{
    private static readonly Lock Gate = new();
    private static readonly ManualResetEventSlim Idle = new(initialState: true);
    private static int _active;

    static ShutdownGate() => AppDomain.CurrentDomain.ProcessExit += (_, _) => Idle.Wait(TimeSpan.FromSeconds(30));

    public static IDisposable Enter()
    {
        lock (Gate)
        {
            _active++;
            Idle.Reset();
        }

        return new Exit();
    }

    private sealed class Exit : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) != 0)
            {
                return;
            }

            lock (Gate)
            {
                if (--_active == 0)
                {
                    Idle.Set();
                }
            }
        }
    }
}
