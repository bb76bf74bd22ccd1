using System.Runtime.InteropServices;

namespace ContainerCd.Server.Cli;

/// <summary>
/// What <c>containercd run</c> does with SIGTERM, SIGINT (Ctrl-C), SIGHUP and SIGQUIT: the first one aborts
/// the build as Jenkins' abort does (the running steps are interrupted, post conditions run, the build ends
/// ABORTED, its agents are released) instead of ending the process; the default action of the signal is
/// cancelled. A second one calls <c>forceExit</c>, which must clean up and end the process; later ones are
/// ignored while it runs.
/// </summary>
internal sealed class AbortOnSignals : IDisposable
{
    private static readonly PosixSignal[] Handled = [PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGHUP, PosixSignal.SIGQUIT];
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly Action<string> _abort;
    private readonly Action<string> _forceExit;
    private int _received;

    public AbortOnSignals(Action<string> abort, Action<string> forceExit)
    {
        _abort = abort;
        _forceExit = forceExit;
        foreach (var signal in Handled)
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
        }
    }

    /// <summary>How many of the handled signals arrived.</summary>
    public int Received => Volatile.Read(ref _received);

    public static string Name(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGTERM => "SIGTERM",
        PosixSignal.SIGINT => "SIGINT",
        PosixSignal.SIGHUP => "SIGHUP",
        PosixSignal.SIGQUIT => "SIGQUIT",
        _ => signal.ToString(),
    };

    private void OnSignal(PosixSignalContext context)
    {
        // Handled here: the process does not end by the signal's default action.
        context.Cancel = true;
        switch (Interlocked.Increment(ref _received))
        {
            case 1:
                _abort(Name(context.Signal));
                break;
            case 2:
                _forceExit(Name(context.Signal));
                break;
        }
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }
}
