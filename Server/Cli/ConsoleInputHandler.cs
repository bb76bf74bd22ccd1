using System.Collections.Immutable;
using ContainerCd.Runtime.Pipeline;

namespace ContainerCd.Server.Cli;

/// <summary>Asks an input on the terminal: proceed (with each parameter's value, Enter for its default) or abort.</summary>
internal sealed class ConsoleInputHandler(ConsoleBuildObserver console) : IInputHandler, IDisposable
{
    private readonly SemaphoreSlim _one = new(1, 1);

    public async ValueTask<InputResponse> AskAsync(InputQuestion question, CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            console.Prompt($"\n? {question.Message} [{question.Ok}/abort] (p/a): ");
            var answer = (await ReadLineAsync(cancellationToken).ConfigureAwait(false))?.Trim().ToLowerInvariant();
            if (answer is null or "a" or "abort")
            {
                return InputResponse.Abort;
            }

            var values = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            foreach (var parameter in question.Parameters)
            {
                var choices = parameter.Choices.IsEmpty ? string.Empty : $" ({string.Join('|', parameter.Choices)})";
                console.Prompt($"  {parameter.Name}{choices} [{parameter.DefaultValue}]: ");
                var value = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
                if (!string.IsNullOrEmpty(value))
                {
                    values[parameter.Name] = value;
                }
            }

            return new InputResponse(true, Environment.UserName, values.ToImmutable());
        }
        finally
        {
            _one.Release();
        }
    }

    public void Dispose() => _one.Dispose();

    private static Task<string?> ReadLineAsync(CancellationToken cancellationToken) =>
        Task.Run(Console.ReadLine, cancellationToken).WaitAsync(cancellationToken);
}
