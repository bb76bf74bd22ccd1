using System.Collections;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Groovy.Operations;

/// <summary>Groovy truth: null, false, 0, "", empty collections and maps and a matcher with no match are false.</summary>
public static class GroovyTruth
{
    public static bool IsTrue(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        GStringValue g => g.ToString().Length > 0,
        GroovyMap m => m.Count > 0,
        GroovySet s => s.Count > 0,
        RangeValue r => r.Count > 0,
        ICollection c => c.Count > 0,
        MatcherValue m => m.Count > 0,
        _ when NumberMath.IsNumber(value) => !NumberMath.IsZero(value),
        _ => true,
    };
}
