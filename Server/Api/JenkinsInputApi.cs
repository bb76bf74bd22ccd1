using System.Text.Json;
using ContainerCd.Server.Builds;
using ContainerCd.Server.Hubs;
using ContainerCd.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ContainerCd.Server.Api;

/// <summary>
/// Jenkins' URLs for a build's pending <c>input</c> steps (pipeline-input-step's InputAction and
/// InputStepExecution, and Stage View's wfapi): <c>POST input/ID/proceedEmpty</c>, <c>input/ID/proceed</c>
/// (form field <c>json={"parameter":[{"name":..,"value":..}]}</c>), <c>input/ID/abort</c>,
/// <c>input/ID/submit</c> (the HTML form), <c>GET wfapi/pendingInputActions</c> and
/// <c>POST wfapi/inputSubmit?inputId=ID</c>. The approver is the HTTP Basic user name, as Jenkins takes it.
/// </summary>
internal static class JenkinsInputApi
{
    private const string AlreadyGiven = "This input has been already given";

    public static void MapJenkinsInputApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/job/{job}/{build}/input", InputPage);
        app.MapGet("/job/{job}/{build}/input/{inputId}", InputPage);
        app.MapPost("/job/{job}/{build}/input/{inputId}/proceedEmpty", ProceedEmpty);
        app.MapPost("/job/{job}/{build}/input/{inputId}/proceed", ProceedAsync);
        app.MapPost("/job/{job}/{build}/input/{inputId}/abort", Abort);
        app.MapPost("/job/{job}/{build}/input/{inputId}/submit", SubmitAsync);
        app.MapGet("/job/{job}/{build}/wfapi/pendingInputActions", PendingInputActions);
        app.MapPost("/job/{job}/{build}/wfapi/inputSubmit", InputSubmitAsync);
    }

    /// <summary>Jenkins' approval page: here the build's page, which shows the pending inputs with their buttons.</summary>
    private static IResult InputPage(ServerContext server, string job, string build, string? inputId) =>
        server.Resolve(job, build) is { } b && (inputId is null || Find(server, b, inputId) is not null)
            ? Results.Redirect($"{JenkinsJobPaths.Url(job)}{b.Number}/")
            : Results.NotFound();

    private static IResult ProceedEmpty(ServerContext server, HttpRequest request, string job, string build, string inputId) =>
        Answer(server, job, build, inputId, new InputAnswer(true, RequestIdentity.User(request), new Dictionary<string, string>()));

    private static async Task<IResult> ProceedAsync(ServerContext server, HttpRequest request, string job, string build, string inputId)
    {
        var parameters = await ParametersAsync(request).ConfigureAwait(false);
        return parameters.Error is { } error
            ? Results.BadRequest(error)
            : Answer(server, job, build, inputId, new InputAnswer(true, RequestIdentity.User(request), parameters.Values));
    }

    private static IResult Abort(ServerContext server, HttpRequest request, string job, string build, string inputId) =>
        Answer(server, job, build, inputId, new InputAnswer(false, RequestIdentity.User(request), new Dictionary<string, string>()));

    /// <summary>The input page's form: the <c>proceed</c> button proceeds with the form's parameters, any other aborts; then back to the build.</summary>
    private static async Task<IResult> SubmitAsync(ServerContext server, HttpRequest request, string job, string build, string inputId)
    {
        var result = await SubmitFormAsync(server, request, job, build, inputId).ConfigureAwait(false);
        return result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK }
            ? Results.Redirect($"{JenkinsJobPaths.Url(job)}{server.Resolve(job, build)!.Number}/")
            : result;
    }

    /// <summary>Stage View's proceed: <c>proceed</c> in the form proceeds with the <c>json</c> parameters, otherwise the input is aborted.</summary>
    private static async Task<IResult> InputSubmitAsync(ServerContext server, HttpRequest request, string job, string build, string? inputId) =>
        string.IsNullOrEmpty(inputId)
            ? Results.BadRequest("inputId is required")
            : await SubmitFormAsync(server, request, job, build, inputId).ConfigureAwait(false);

    private static async Task<IResult> SubmitFormAsync(ServerContext server, HttpRequest request, string job, string build, string inputId)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync(request.HttpContext.RequestAborted).ConfigureAwait(false) : null;
        if (form is null || !form.ContainsKey("proceed"))
        {
            return Abort(server, request, job, build, inputId);
        }

        return await ProceedAsync(server, request, job, build, inputId).ConfigureAwait(false);
    }

    /// <summary>Stage View's list of the build's pending inputs, with the URLs that answer them.</summary>
    private static IResult PendingInputActions(ServerContext server, string job, string build)
    {
        if (server.Resolve(job, build) is not { } b)
        {
            return Results.NotFound();
        }

        var runUrl = $"{JenkinsJobPaths.Url(job)}{b.Number}/";
        var pending = b.Building ? server.Store.GetInputs(job, b.Number).Where(i => i.State == "PENDING") : [];
        return Results.Ok(pending.Select(input => new Dictionary<string, object?>
        {
            ["id"] = input.InputId,
            ["proceedText"] = input.Ok,
            ["message"] = input.Message,
            ["inputs"] = Parameters(input).Select(Definition).ToList(),
            ["proceedUrl"] = $"{runUrl}wfapi/inputSubmit?inputId={Uri.EscapeDataString(input.InputId)}",
            ["abortUrl"] = $"{runUrl}input/{Uri.EscapeDataString(input.InputId)}/abort",
            ["redirectApprovalUrl"] = $"{runUrl}input/",
        }).ToList());
    }

    private static IResult Answer(ServerContext server, string job, string build, string inputId, InputAnswer answer)
    {
        if (server.Resolve(job, build) is not { } b || Find(server, b, inputId) is not { } input)
        {
            return Results.NotFound();
        }

        if (input.State != "PENDING" || !b.Building)
        {
            return Results.BadRequest(AlreadyGiven);
        }

        if (answer.Parameters.Keys.FirstOrDefault(name => Parameters(input).All(p => p.Name != name)) is { } unknown)
        {
            return Results.BadRequest("No such parameter definition: " + unknown);
        }

        return server.Queue.AnswerInput(b.BuildId, inputId, answer) ? Results.Ok() : Results.BadRequest(AlreadyGiven);
    }

    private static InputRecord? Find(ServerContext server, BuildRecord build, string inputId) =>
        server.Store.GetInputs(build.Job, build.Number).LastOrDefault(i => i.InputId == inputId);

    private static List<InputParameterDto> Parameters(InputRecord input) =>
        JsonSerializer.Deserialize<List<InputParameterDto>>(input.ParametersJson, EventJournal.JsonOptions) ?? [];

    /// <summary>A parameter as Stage View describes it: Jenkins' ParameterDefinition type, name, description and defaults.</summary>
    private static Dictionary<string, object?> Definition(InputParameterDto parameter)
    {
        var definition = new Dictionary<string, object?>();
        if (parameter.Type == "booleanParam")
        {
            definition["defaultVal"] = string.Equals(parameter.DefaultValue, "true", StringComparison.OrdinalIgnoreCase);
        }
        else if (parameter.Type == "choice")
        {
            definition["defaultVal"] = parameter.Choices.Count > 0 ? parameter.Choices[0] : null;
            definition["choices"] = parameter.Choices;
        }
        else
        {
            definition["defaultVal"] = parameter.DefaultValue;
        }

        return new Dictionary<string, object?>
        {
            ["type"] = parameter.Type switch
            {
                "booleanParam" => "BooleanParameterDefinition",
                "choice" => "ChoiceParameterDefinition",
                "text" => "TextParameterDefinition",
                "password" => "PasswordParameterDefinition",
                _ => "StringParameterDefinition",
            },
            ["name"] = parameter.Name,
            ["description"] = parameter.Description,
            ["definition"] = definition,
        };
    }

    /// <summary>The values of the form's <c>json</c> field, <c>{"parameter":[{"name":"X","value":"Y"}]}</c> (one object or an array).</summary>
    private static async Task<(Dictionary<string, string> Values, string? Error)> ParametersAsync(HttpRequest request)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var json = request.HasFormContentType
            ? (await request.ReadFormAsync(request.HttpContext.RequestAborted).ConfigureAwait(false))["json"].ToString()
            : request.Query["json"].ToString();
        if (string.IsNullOrEmpty(json))
        {
            return (values, null);
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("parameter", out var parameter))
            {
                return (values, null);
            }

            JsonElement[] items = parameter.ValueKind == JsonValueKind.Array ? [.. parameter.EnumerateArray()] : [parameter];
            foreach (var item in items)
            {
                if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
                {
                    return (values, "Each parameter needs a \"name\": " + item.GetRawText());
                }

                values[name.GetString()!] = item.TryGetProperty("value", out var value) ? Text(value) : string.Empty;
            }
        }
        catch (JsonException exception)
        {
            return (values, "The json field is not JSON: " + exception.Message);
        }

        return (values, null);
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => string.Empty,
        _ => value.GetRawText(),
    };
}
