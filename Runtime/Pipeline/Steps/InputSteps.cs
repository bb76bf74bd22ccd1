using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using ContainerCd.Runtime.Events;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>
/// input (message, id, ok, submitter, submitterParameter, parameters): the build waits (letting other
/// branches run) until the input handler answers; proceeding returns the values, aborting interrupts
/// the build as ABORTED, as Jenkins' "Abort" button does.
/// </summary>
internal static class InputSteps
{
    public static IEnumerable<IStep> All()
    {
        yield return new DelegateStep("input", InputAsync);
    }

    private static async ValueTask<object?> InputAsync(StepContext context)
    {
        var message = context.RequiredString("message");
        var parameters = GroovyInterpreter.Iterate(context.Argument("parameters", int.MaxValue)).OfType<DescribableValue>().Select(Definition).ToImmutableArray();
        var question = new InputQuestion(
            context.Text("id", int.MaxValue) ?? DefaultId(message),
            message,
            context.Text("ok", int.MaxValue) ?? "Proceed",
            context.Text("submitter", int.MaxValue),
            parameters);
        var submitterParameter = context.Text("submitterParameter", int.MaxValue);
        var response = await AskAsync(context.Build, context.Flow, question).ConfigureAwait(false);
        var values = Values(question, response);
        if (submitterParameter is not null)
        {
            values[submitterParameter] = response.Submitter;
        }

        return values.Count switch
        {
            0 => null,
            1 when submitterParameter is null => values.Values.First(),
            _ => values,
        };
    }

    /// <summary>Asks the input handler, logging as Jenkins does and publishing the input events.</summary>
    public static async ValueTask<InputResponse> AskAsync(BuildContext build, FlowContext flow, InputQuestion question)
    {
        build.Log(flow, question.Message);
        build.Log(flow, $"{question.Ok} or Abort");
        build.Sink.InputRequested(flow.Stage?.Id, question.Id, question.Message, question.Ok, question.Submitter,
            [.. question.Parameters.Select(p => new InputParameter(p.Name, p.Type, p.DefaultValue is null ? null : GroovyFormat.ToDisplayString(p.DefaultValue), p.Description, p.Choices))]);
        var token = flow.CancellationToken;
        InputResponse response;
        try
        {
            response = await build.WhileWaitingAsync(() => build.Request.Inputs.AskAsync(question, token)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            throw flow.Cancellation.CreateInterruptedException();
        }

        if (response.Proceed && question.Submitter is { Length: > 0 } allowed && response.Submitter is { } who
            && !allowed.Split(',', StringSplitOptions.TrimEntries).Contains(who, StringComparer.Ordinal))
        {
            build.Log(flow, $"{who} is not allowed to approve this input (allowed: {allowed})");
            response = InputResponse.Abort;
        }

        build.Sink.InputAnswered(question.Id, response.Proceed, response.Submitter);
        if (!response.Proceed)
        {
            build.Log(flow, "Rejected by " + (response.Submitter ?? "anonymous"));
            throw new GroovyException(CancellationScope.Interruption(BuildResult.Aborted, null));
        }

        build.Log(flow, "Approved by " + (response.Submitter ?? "anonymous"));
        return response;
    }

    /// <summary>The values an answer gives each parameter (its default when not answered), typed as Jenkins types them.</summary>
    public static GroovyMap Values(InputQuestion question, InputResponse response)
    {
        var values = new GroovyMap();
        foreach (var parameter in question.Parameters)
        {
            response.Values.TryGetValue(parameter.Name, out var answered);
            values[parameter.Name] = ParameterValue(parameter, answered);
        }

        return values;
    }

    public static object? ParameterValue(InputParameterDefinition parameter, string? text) => parameter.Type switch
    {
        "booleanParam" => text is null ? GroovyTruth.IsTrue(parameter.DefaultValue) : string.Equals(text, "true", StringComparison.OrdinalIgnoreCase),
        "choice" => text ?? (parameter.Choices.IsEmpty ? null : parameter.Choices[0]),
        _ => text ?? (parameter.DefaultValue is null ? (parameter.Type is "string" or "text" or "password" ? string.Empty : null) : GroovyFormat.ToDisplayString(parameter.DefaultValue)),
    };

    /// <summary>A parameter definition from <c>string(name:, defaultValue:, description:)</c>, <c>booleanParam</c>, <c>choice(choices:)</c>, <c>text</c>, <c>password</c>.</summary>
    public static InputParameterDefinition Definition(DescribableValue described)
    {
        var type = described.Symbol switch
        {
            "stringParam" => "string",
            "booleanParameter" => "booleanParam",
            _ => described.Symbol,
        };
        var choices = described.Get("choices") switch
        {
            null => ImmutableArray<string>.Empty,
            string s => [.. s.Split('\n')],
            GStringValue g => [.. g.ToString().Split('\n')],
            var list => [.. GroovyInterpreter.Iterate(list).Select(GroovyFormat.ToDisplayString)],
        };
        var name = described.GetString("name", true) ?? string.Empty;
        return new InputParameterDefinition(name, type, described.Get("defaultValue") ?? described.Get("value"), described.GetString("description"), choices);
    }

    /// <summary>Jenkins' default input id: a digest of the message (SHA-256 here) (or stage name), capitalised.</summary>
    public static string DefaultId(string text)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        return char.ToUpperInvariant(hash[0]) + hash[1..];
    }

}
