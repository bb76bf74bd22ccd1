namespace ContainerCd.Runtime.Pipeline.Environment;

/// <summary>
/// Computes the environment code sees, as Jenkins layers it: the build's variables (BUILD_NUMBER,
/// JOB_NAME, parameters...), then what the script assigned to <c>env.X</c>, then the node's (NODE_NAME,
/// WORKSPACE, configured node variables), then each <c>withEnv</c>/<c>environment {}</c> layer from the
/// outermost in. A <c>PATH+NAME</c> key prepends to PATH.
/// </summary>
public static class EnvironmentResolver
{
    public const string PathPrefixKey = "PATH+CONTAINERCD";

    /// <summary>The variables as scripts read them (<c>env.PATH</c> with prefixes applied to the base PATH).</summary>
    public static Dictionary<string, string> Effective(BuildContext build, FlowContext flow, string? basePath)
    {
        var result = Collect(build, flow, out var prefixes);
        if (prefixes.Count > 0)
        {
            result.TryGetValue("PATH", out var path);
            path ??= basePath;
            result["PATH"] = string.Join(':', prefixes) + (string.IsNullOrEmpty(path) ? string.Empty : ":" + path);
        }
        else if (!result.ContainsKey("PATH") && basePath is not null)
        {
            result["PATH"] = basePath;
        }

        return result;
    }

    /// <summary>The variables passed to an agent for a step: PATH prefixes stay a <c>PATH+NAME</c> entry so the agent applies them to its own PATH.</summary>
    public static Dictionary<string, string> ForAgent(BuildContext build, FlowContext flow)
    {
        var result = Collect(build, flow, out var prefixes);
        if (prefixes.Count > 0)
        {
            result[PathPrefixKey] = string.Join(':', prefixes);
        }

        return result;
    }

    private static Dictionary<string, string> Collect(BuildContext build, FlowContext flow, out List<string> pathPrefixes)
    {
        var result = new Dictionary<string, string>(build.BaseEnvironment, StringComparer.Ordinal);
        foreach (var (key, value) in build.ScriptEnvironment())
        {
            result[key] = value;
        }

        if (flow.Node is { } node)
        {
            foreach (var (key, value) in node.Environment)
            {
                result[key] = value;
            }

            result["NODE_NAME"] = node.NodeName;
            result["NODE_LABELS"] = string.Join(' ', node.Labels);
            result["WORKSPACE"] = node.Workspace;
            result["WORKSPACE_TMP"] = node.Workspace + "@tmp";
            result["EXECUTOR_NUMBER"] = node.Executor.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (flow.Stage is { } stage)
        {
            result["STAGE_NAME"] = stage.Name;
        }

        pathPrefixes = [];
        if (flow.Environment is { } environment)
        {
            foreach (var layer in environment.OutermostFirst())
            {
                foreach (var (key, value) in layer.Values)
                {
                    if (key.StartsWith("PATH+", StringComparison.Ordinal))
                    {
                        pathPrefixes.Insert(0, value);
                    }
                    else
                    {
                        result[key] = value;
                        if (key == "PATH")
                        {
                            pathPrefixes.Clear();
                        }
                    }
                }
            }
        }

        return result;
    }
}
