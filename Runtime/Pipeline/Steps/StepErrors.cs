using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>The exceptions steps raise, worded as Jenkins words them.</summary>
public static class StepErrors
{
    public const string MissingContextVariableException = "org.jenkinsci.plugins.workflow.steps.MissingContextVariableException";

    /// <summary>hudson.AbortException: printed as <c>ERROR: message</c>, fails the build.</summary>
    public static GroovyException Abort(string message) => GroovyException.Create(JavaClasses.AbortException, message);

    /// <summary>
    /// An exception of .NET that a step did not turn into a Java one (an I/O error it met, a fault of ContainerCd):
    /// the Java exception it stands for, so that it fails the step, can be caught by a script, and is printed
    /// with the .NET stack trace as its cause.
    /// </summary>
    public static GroovyException Unexpected(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var className = ScriptErrors.Translate(exception)?.Value.ClassName ?? exception switch
        {
            FileNotFoundException or DirectoryNotFoundException => "java.nio.file.NoSuchFileException",
            UnauthorizedAccessException => "java.nio.file.AccessDeniedException",
            IOException => "java.io.IOException",
            TimeoutException => "java.util.concurrent.TimeoutException",
            OperationCanceledException => "java.util.concurrent.CancellationException",
            _ => JavaClasses.RuntimeException,
        };
        return new GroovyException(new ThrowableValue(className, exception.Message) { HostTrace = exception.ToString() }, exception);
    }

    public static GroovyException MissingNode(string step) => GroovyException.Create(MissingContextVariableException,
        $"Required context class hudson.FilePath is missing\nPerhaps you forgot to surround the {step} step with a step that provides this, such as: node");

    public static bool IsMissingNode(ThrowableValue error) => error.ClassName == MissingContextVariableException;

    /// <summary>The result an exception gives the build: a fail-fast interruption of a sibling branch leaves the build's result to the branch that failed.</summary>
    public static BuildResult BuildResultOf(ThrowableValue error) =>
        error.IsInterruption && error.InterruptReason == StructureSteps.FailFastReason ? BuildResult.Success : ResultOf(error);

    /// <summary>The result an exception gives the build or stage it fails (Utils.getResultFromException).</summary>
    public static BuildResult ResultOf(ThrowableValue error) =>
        error.IsInterruption ? error.InterruptResult ?? BuildResult.Aborted : BuildResult.Failure;
}
