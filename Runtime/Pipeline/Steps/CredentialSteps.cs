using ContainerCd.Runtime.Groovy.Interpreter;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>withCredentials([bindings]) { }: binds credentials to variables for the body, masking their values.</summary>
internal static class CredentialSteps
{
    public static IEnumerable<IStep> All()
    {
        yield return new DelegateStep("withCredentials", WithCredentialsAsync);
    }

    private static async ValueTask<object?> WithCredentialsAsync(StepContext context)
    {
        using var binder = new CredentialBinder(context.Build);
        foreach (var item in GroovyInterpreter.Iterate(context.Argument("bindings")))
        {
            if (item is DescribableValue binding)
            {
                binder.Bind(binding, context.Flow.Node);
            }
            else
            {
                throw context.Abort("withCredentials expects bindings such as string(credentialsId: 'id', variable: 'NAME')");
            }
        }

        context.Log("Masking supported pattern matches of " + string.Join(" or ", binder.Variables.Keys.Select(k => "$" + k)));
        return await context.RunBodyAsync(context.Flow.WithEnvironment(binder.Variables)).ConfigureAwait(false);
    }
}
