namespace ContainerCd.Runtime.Pipeline.Agents;

/// <summary>
/// A Jenkins label expression (<c>linux &amp;&amp; docker</c>, <c>a || b</c>, <c>!windows</c>, parentheses)
/// matched against an agent's labels and name.
/// </summary>
public static class LabelExpression
{
    public static bool Matches(string expression, IReadOnlyCollection<string> labels)
    {
        var tokens = Tokenize(expression);
        var position = 0;
        var result = ParseOr(tokens, ref position, labels);
        if (position != tokens.Count)
        {
            throw new FormatException($"Invalid label expression \"{expression}\"");
        }

        return result;
    }

    private static bool ParseOr(List<string> tokens, ref int position, IReadOnlyCollection<string> labels)
    {
        var value = ParseAnd(tokens, ref position, labels);
        while (position < tokens.Count && tokens[position] == "||")
        {
            position++;
            value |= ParseAnd(tokens, ref position, labels);
        }

        return value;
    }

    private static bool ParseAnd(List<string> tokens, ref int position, IReadOnlyCollection<string> labels)
    {
        var value = ParseUnary(tokens, ref position, labels);
        while (position < tokens.Count && tokens[position] == "&&")
        {
            position++;
            value &= ParseUnary(tokens, ref position, labels);
        }

        return value;
    }

    private static bool ParseUnary(List<string> tokens, ref int position, IReadOnlyCollection<string> labels)
    {
        if (position >= tokens.Count)
        {
            throw new FormatException("Incomplete label expression");
        }

        var token = tokens[position++];
        switch (token)
        {
            case "!":
                return !ParseUnary(tokens, ref position, labels);
            case "(":
                var inner = ParseOr(tokens, ref position, labels);
                if (position >= tokens.Count || tokens[position] != ")")
                {
                    throw new FormatException("Missing ) in label expression");
                }

                position++;
                return inner;
            default:
                return labels.Contains(token.Trim('"'));
        }
    }

    private static List<string> Tokenize(string expression)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < expression.Length)
        {
            var c = expression[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')' or '!')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (i + 1 < expression.Length && (expression.Substring(i, 2) is "&&" or "||"))
            {
                tokens.Add(expression.Substring(i, 2));
                i += 2;
            }
            else
            {
                var start = i;
                while (i < expression.Length && !char.IsWhiteSpace(expression[i]) && expression[i] is not ('(' or ')' or '!' or '&' or '|'))
                {
                    i++;
                }

                if (i == start)
                {
                    throw new FormatException($"Invalid label expression \"{expression}\"");
                }

                tokens.Add(expression[start..i]);
            }
        }

        return tokens;
    }
}
