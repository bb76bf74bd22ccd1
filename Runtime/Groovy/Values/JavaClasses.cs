namespace ContainerCd.Runtime.Groovy.Values;

/// <summary>
/// The Java exception classes scripts throw and catch, with their superclasses, so that
/// <c>catch (Exception e)</c>, <c>catch (hudson.AbortException e)</c> and <c>instanceof</c> behave as in Jenkins.
/// </summary>
public static class JavaClasses
{
    public const string Throwable = "java.lang.Throwable";
    public const string Exception = "java.lang.Exception";
    public const string RuntimeException = "java.lang.RuntimeException";
    public const string Error = "java.lang.Error";
    public const string AbortException = "hudson.AbortException";
    public const string FlowInterruptedException = "org.jenkinsci.plugins.workflow.steps.FlowInterruptedException";
    public const string MissingPropertyException = "groovy.lang.MissingPropertyException";
    public const string MissingMethodException = "groovy.lang.MissingMethodException";
    public const string NoSuchMethodError = "java.lang.NoSuchMethodError";
    public const string NullPointerException = "java.lang.NullPointerException";
    public const string IllegalArgumentException = "java.lang.IllegalArgumentException";
    public const string IllegalStateException = "java.lang.IllegalStateException";
    public const string IndexOutOfBoundsException = "java.lang.IndexOutOfBoundsException";
    public const string NumberFormatException = "java.lang.NumberFormatException";
    public const string ArithmeticException = "java.lang.ArithmeticException";
    public const string UnsupportedOperationException = "java.lang.UnsupportedOperationException";
    public const string GroovyCastException = "org.codehaus.groovy.runtime.typehandling.GroovyCastException";
    public const string AssertionError = "org.codehaus.groovy.runtime.powerassert.PowerAssertionError";
    public const string StackOverflowError = "java.lang.StackOverflowError";
    public const string GroovyRuntimeException = "groovy.lang.GroovyRuntimeException";
    public const string LimitExceeded = "org.containercd.ScriptLimitExceededError";
    public const string Unsupported = "org.containercd.UnsupportedFeatureError";

    private static readonly Dictionary<string, string?> Parents = new(StringComparer.Ordinal)
    {
        [Throwable] = null,
        [Exception] = Throwable,
        [Error] = Throwable,
        [RuntimeException] = Exception,
        ["java.io.IOException"] = Exception,
        [AbortException] = "java.io.IOException",
        ["java.lang.InterruptedException"] = Exception,
        [FlowInterruptedException] = "java.lang.InterruptedException",
        [GroovyRuntimeException] = RuntimeException,
        [MissingPropertyException] = GroovyRuntimeException,
        [MissingMethodException] = GroovyRuntimeException,
        [GroovyCastException] = "java.lang.ClassCastException",
        ["java.lang.ClassCastException"] = RuntimeException,
        [NullPointerException] = RuntimeException,
        [IllegalArgumentException] = RuntimeException,
        [NumberFormatException] = IllegalArgumentException,
        [IllegalStateException] = RuntimeException,
        [IndexOutOfBoundsException] = RuntimeException,
        ["java.lang.ArrayIndexOutOfBoundsException"] = IndexOutOfBoundsException,
        ["java.lang.StringIndexOutOfBoundsException"] = IndexOutOfBoundsException,
        [ArithmeticException] = RuntimeException,
        [UnsupportedOperationException] = RuntimeException,
        ["java.util.NoSuchElementException"] = RuntimeException,
        ["java.util.ConcurrentModificationException"] = RuntimeException,
        ["java.lang.SecurityException"] = RuntimeException,
        ["java.util.concurrent.TimeoutException"] = Exception,
        ["java.lang.AssertionError"] = Error,
        [AssertionError] = "java.lang.AssertionError",
        ["java.lang.LinkageError"] = Error,
        ["java.lang.IncompatibleClassChangeError"] = "java.lang.LinkageError",
        [NoSuchMethodError] = "java.lang.IncompatibleClassChangeError",
        ["java.lang.VirtualMachineError"] = Error,
        [StackOverflowError] = "java.lang.VirtualMachineError",
        [LimitExceeded] = Error,
        [Unsupported] = Error,
        ["org.jenkinsci.plugins.credentialsbinding.impl.CredentialNotFoundException"] = "java.io.IOException",
        ["org.jenkinsci.plugins.workflow.steps.MissingContextVariableException"] = Exception,
        ["java.net.MalformedURLException"] = "java.io.IOException",
        ["java.nio.file.FileSystemException"] = "java.io.IOException",
        ["java.nio.file.NoSuchFileException"] = "java.nio.file.FileSystemException",
        ["java.nio.file.AccessDeniedException"] = "java.nio.file.FileSystemException",
        ["java.util.concurrent.CancellationException"] = IllegalStateException,
    };

    /// <summary>The fully qualified name of an exception class written in a script (simple or qualified), or null.</summary>
    public static string? Resolve(string name)
    {
        if (Parents.ContainsKey(name))
        {
            return name;
        }

        foreach (var candidate in Parents.Keys)
        {
            if (candidate.EndsWith("." + name, StringComparison.Ordinal))
            {
                return candidate;
            }
        }

        return null;
    }

    public static bool IsThrowable(string name) => Resolve(name) is not null;

    /// <summary>Whether an exception of class <paramref name="className"/> is caught by <c>catch (<paramref name="typeName"/> e)</c>.</summary>
    public static bool IsAssignableTo(string className, string typeName)
    {
        var target = Resolve(typeName) ?? typeName;
        for (string? current = className; current is not null; current = Parents.GetValueOrDefault(current))
        {
            if (current == target)
            {
                return true;
            }
        }

        return false;
    }

    public static string SimpleName(string className) => className[(className.LastIndexOf('.') + 1)..];
}
