namespace ContainerCd.Parser.Ast.Expressions;

public enum UnaryOperator
{
    Not,
    Negate,
    Plus,
    BitNot,
    PreIncrement,
    PreDecrement,
    PostIncrement,
    PostDecrement,
}
