using ContainerCd.Parser.Ast.Declarative;
using ContainerCd.Parser.Diagnostics;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Validation;

/// <summary>The declarative model's validation as its own pass, after Jenkins' ModelValidatorImpl.</summary>
internal sealed partial class PipelineValidator
{
    private readonly SourceText _source;
    private readonly ValidationOptions _options;
    private readonly List<Diagnostic> _diagnostics;

    public PipelineValidator(SourceText source, ValidationOptions options, List<Diagnostic> diagnostics)
    {
        _source = source;
        _options = options;
        _diagnostics = diagnostics;
    }

    public void Validate(PipelineNode pipeline)
    {
        _ = pipeline;
        _ = _source;
        _ = _options;
        _ = _diagnostics;
    }
}
