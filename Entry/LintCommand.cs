using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ContainerCd.Parser;
using ContainerCd.Parser.Diagnostics;
using ContainerCd.Parser.Text;
using ContainerCd.Parser.Validation;

namespace ContainerCd.Entry;

/// <summary>
/// <c>containercd lint [--format text|json] [--tool TYPE=NAME]... [--config FILE] FILE...</c>: parses and validates Jenkinsfiles as Jenkins
/// would, without running them. Exit 0 when no file has an error, 1 when some has, 2 on usage or
/// I/O errors. Any bytes give diagnostics, never a crash.
/// </summary>
internal static class LintCommand
{
    /// <summary>
    /// The lint command. <paramref name="withConfig"/> reads <c>--config</c> (the run config, YAML): the server
    /// passes it; the entry has none, and hands a lint with <c>--config</c> to the server (<see cref="NeedsServer"/>).
    /// </summary>
    public static Command Create(Func<ValidationOptions, string, TextWriter, ValidationOptions?>? withConfig = null)
    {
        var format = new Option<string>("--format")
        {
            Description = "Output format: text (FILE:LINE:COLUMN: severity: message) or json.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");
        var tools = new Option<string[]>("--tool")
        {
            Description = "A configured tool install, TYPE=NAME (e.g. maven=apache-maven-3.0.1); repeat it. With any, tools { } names are checked.",
            AllowMultipleArgumentsPerToken = false,
        };
        var config = new Option<FileInfo?>("--config")
        {
            Description = "The config file containercd run uses (YAML): its noopSteps are not warned about, its tools are checked.",
        };
        var files = new Argument<string[]>("FILE")
        {
            Description = "Jenkinsfiles to check.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("lint", "Check Jenkinsfiles for the errors Jenkins would report, without running them.")
        {
            format,
            tools,
            config,
            files,
        };
        command.SetAction(result =>
        {
            if (ParseTools(result.GetValue(tools) ?? []) is not { } options)
            {
                Console.Error.WriteLine("containercd lint: --tool takes TYPE=NAME");
                return ExitCodes.Usage;
            }

            if (result.GetValue(config) is { } configFile)
            {
                if (withConfig is null)
                {
                    Console.Error.WriteLine("containercd lint: --config is read by containercd-server, which this installation lacks");
                    return ExitCodes.Usage;
                }

                if (withConfig(options, configFile.FullName, Console.Error) is not { } configured)
                {
                    return ExitCodes.Usage;
                }

                options = configured;
            }

            return Run(result.GetValue(files) ?? [], result.GetValue(format) ?? "text", options, Console.Out, Console.Error);
        });
        return command;
    }

    /// <summary>Validation options from <c>--tool TYPE=NAME</c> values; null when one is malformed.</summary>
    public static ValidationOptions? ParseTools(IReadOnlyList<string> tools)
    {
        if (tools.Count == 0)
        {
            return ValidationOptions.Default;
        }

        var installs = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var tool in tools)
        {
            var equals = tool.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == tool.Length - 1)
            {
                return null;
            }

            var type = tool[..equals];
            if (!installs.TryGetValue(type, out var names))
            {
                installs[type] = names = [];
            }

            names.Add(tool[(equals + 1)..]);
        }

        return ValidationOptions.Default with
        {
            ToolInstallations = installs.ToImmutableDictionary(p => p.Key, p => p.Value.ToImmutableArray(), StringComparer.Ordinal),
        };
    }

    /// <summary>Whether a lint command line names a config file, which only the server reads (YAML and the run config).</summary>
    public static bool NeedsServer(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        foreach (var arg in args)
        {
            if (arg == "--")
            {
                return false;
            }

            if (arg == "--config" || arg.StartsWith("--config=", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public static int Run(IReadOnlyList<string> files, string format, ValidationOptions options, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var results = new List<LintResult>(files.Count);
        var ioFailed = false;
        foreach (var file in files)
        {
            if (ReadSource(file, error) is { } source)
            {
                results.Add(new LintResult(file, source, Lint(source, options)));
            }
            else
            {
                ioFailed = true;
            }
        }

        if (format == "json")
        {
            WriteJson(results, output);
        }
        else
        {
            WriteText(results, output);
        }

        output.Flush();
        return ioFailed ? ExitCodes.Usage
            : results.Any(r => r.Diagnostics.Any(d => d.IsError)) ? ExitCodes.LintErrors
            : ExitCodes.Success;
    }

    private static ImmutableArray<Diagnostic> Lint(SourceText source, ValidationOptions options)
    {
        try
        {
            return Jenkinsfile.Parse(source, options).Diagnostics;
        }
#pragma warning disable CA1031 // A bug in the parser must not hide the other files' results.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return [DiagnosticCatalog.InternalError(new SourceSpan(0, 0), e.GetType().Name + ": " + e.Message)];
        }
    }

    /// <summary>Reads a file as UTF-8; bytes that are not UTF-8 become a diagnostic, not an I/O error.</summary>
    private static SourceText? ReadSource(string file, TextWriter error)
    {
        byte[] bytes;
        try
        {
            bytes = file == "-" ? ReadStandardInput() : File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error.WriteLine($"containercd lint: cannot read {file}: {e.Message}");
            return null;
        }

        var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        try
        {
            return new SourceText(file, new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, start, bytes.Length - start));
        }
        catch (DecoderFallbackException)
        {
            // Keep the text readable for positions; the NUL makes the parser report "not text".
            return new SourceText(file, "\0" + Encoding.UTF8.GetString(bytes, start, bytes.Length - start));
        }
    }

    private static byte[] ReadStandardInput()
    {
        using var stdin = Console.OpenStandardInput();
        using var buffer = new MemoryStream();
        stdin.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static void WriteText(List<LintResult> results, TextWriter output)
    {
        int errors = 0, warnings = 0;
        foreach (var result in results)
        {
            foreach (var diagnostic in result.Diagnostics)
            {
                var position = result.Source.GetPosition(diagnostic.Span.Start);
                var severity = diagnostic.IsError ? "error" : "warning";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{result.File}:{position.Line + 1}:{position.Column + 1}: {severity}: {diagnostic.Message}"));
                if (diagnostic.IsError)
                {
                    errors++;
                }
                else
                {
                    warnings++;
                }
            }
        }

        var failed = results.Count(r => r.Diagnostics.Any(d => d.IsError));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Plural(results.Count, "file")} checked, {Plural(failed, "file")} with errors: {Plural(errors, "error")}, {Plural(warnings, "warning")}"));
    }

    private static string Plural(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? string.Empty : "s")}");

    private static void WriteJson(List<LintResult> results, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartArray("files");
            foreach (var result in results)
            {
                json.WriteStartObject();
                json.WriteString("file", result.File);
                json.WriteStartArray("diagnostics");
                foreach (var diagnostic in result.Diagnostics)
                {
                    var position = result.Source.GetPosition(diagnostic.Span.Start);
                    json.WriteStartObject();
                    json.WriteString("severity", diagnostic.IsError ? "error" : "warning");
                    json.WriteString("code", diagnostic.Code);
                    json.WriteString("message", diagnostic.Message);
                    json.WriteNumber("line", position.Line + 1);
                    json.WriteNumber("column", position.Column + 1);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private sealed record LintResult(string File, SourceText Source, ImmutableArray<Diagnostic> Diagnostics);
}
